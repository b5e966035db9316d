import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkBank } from '../../src/core/bank.js';
import type { Answers, AnswersMeta, AnswerValue, Bank } from '../../src/core/types.js';
import { parseSource } from '../../src/input/source.js';

/** The repository root, for files the tests read (the built-in bank, the seed article beside the repo). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BANK_PATH = `${ROOT}questions/who-failed-whom.yaml`;

export function builtinBankText(): string {
  return readFileSync(BANK_PATH, 'utf8');
}

export function builtinBank(): Bank {
  const { bank, problems } = checkBank(parseSource(builtinBankText(), 'who-failed-whom.yaml').data);
  if (!bank) throw new Error(`the built-in bank is invalid: ${JSON.stringify(problems)}`);
  return bank;
}

export function answersOf(values: Record<string, AnswerValue>, meta: AnswersMeta = {}): Answers {
  return { meta, values: new Map(Object.entries(values)) };
}

/** "name:line:col" (1-based) of the first occurrence of `needle` in `text`, computed independently of the code under test. */
export function positionOf(text: string, needle: string, name: string): string {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" is not in the text`);
  if (text.indexOf(needle, offset + 1) >= 0) throw new Error(`"${needle}" is in the text more than once`);
  const before = text.slice(0, offset).split('\n');
  return `${name}:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}

/** Replaces exactly one occurrence, so a typo in a test fails loudly instead of leaving the base unchanged. */
export function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`"${from}" must occur exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** A small deterministic generator (mulberry32), so property-style tests are reproducible without a dependency. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Escapes text for use inside a RegExp. */
export const reEscape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The non-empty lines of a command's output. */
export const lines = (text: string) => text.split('\n').filter((line) => line !== '');
