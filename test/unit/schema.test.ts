/**
 * The JSON Schemas in schema/: generated from the valibot schemas, committed, and checked here with Ajv, a
 * validator independent of the code that made them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { Ajv } from 'ajv';
import { renderJsonSchemas, SCHEMA_FILES } from '../../scripts/json-schema.js';
import { checkFieldNotes } from '../../src/core/field-notes.js';
import { parseSource } from '../../src/input/source.js';
import { renderAnswersFile } from '../../src/render/answers-file.js';
import { renderBankScaffold } from '../../src/render/bank-scaffold.js';
import { builtinBank, builtinBankText, edit, ROOT } from '../support/helpers.js';

const FIELDS = readFileSync(`${ROOT}schema/fields.yaml`, 'utf8');
const committed = (file: string) => readFileSync(`${ROOT}schema/${file}`, 'utf8');
const schemas = {
  bank: JSON.parse(committed(SCHEMA_FILES.bank)),
  answers: JSON.parse(committed(SCHEMA_FILES.answers)),
};
const yaml = (text: string) => parseSource(text, 'test.yaml').data;

const ajv = new Ajv({ allErrors: true, strict: true });
const validateBank = ajv.compile(schemas.bank);
const validateAnswers = ajv.compile(schemas.answers);
const errorsOf = (validate: typeof validateBank, data: unknown) =>
  validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

describe('the committed schemas', () => {
  test.each(Object.entries(SCHEMA_FILES))(
    'schema/%s is what the code generates (run npm run build)',
    (key, file) => {
      const generated = renderJsonSchemas(FIELDS);
      expect(committed(file)).toBe(generated[key as keyof typeof generated]);
    },
  );

  test('are JSON Schema draft-07, which Ajv compiles in strict mode', () => {
    expect(schemas.bank.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schemas.answers.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  test('say as much as valibot does: closed objects, enums, ranges, kebab-case ids', () => {
    const question = schemas.bank.properties.questions.items;
    expect(schemas.bank.additionalProperties).toBe(false);
    expect(question.additionalProperties).toBe(false);
    expect(question.required).toEqual(['id', 'section', 'type', 'prompt']);
    expect(question.properties.type.enum).toEqual(['scale', 'choice', 'text']);
    expect(question.properties.id.pattern).toBe('^[a-z0-9]+(?:-[a-z0-9]+)*$');
    expect(question.properties.weight.minimum).toBe(0);
    expect(schemas.bank.properties.version).toMatchObject({ type: 'integer', minimum: 1 });
    expect(schemas.bank.properties.scoring.properties.tolerance).toMatchObject({ minimum: 0, maximum: 100 });
    expect(schemas.bank.properties.scales.propertyNames.pattern).toBe('^[a-z0-9]+(?:-[a-z0-9]+)*$');
  });

  test('explain every property of a bank and of an answers file (from schema/fields.yaml)', () => {
    const undescribed: string[] = [];
    const walk = (schema: Record<string, unknown>, path: string) => {
      const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
      for (const [key, value] of Object.entries(properties)) {
        if (typeof value.description !== 'string') undescribed.push(`${path}.${key}`);
        walk(value, `${path}.${key}`);
      }
      if (schema.items) walk(schema.items as Record<string, unknown>, `${path}[]`);
      if (typeof schema.additionalProperties === 'object')
        walk(schema.additionalProperties as Record<string, unknown>, `${path}.*`);
    };
    walk(schemas.bank, 'bank');
    walk(schemas.answers, 'answers');
    expect(undescribed).toEqual([]);
  });

  test('a note in fields.yaml for a field the schema lacks fails the generation', () => {
    const typo = FIELDS.replace('  questions[].prompt:', '  questions[].promt:');
    expect(() => renderJsonSchemas(typo)).toThrow('questions[].promt');
  });
});

describe('the bank schema', () => {
  test('accepts the built-in bank', () => {
    expect(errorsOf(validateBank, yaml(builtinBankText()))).toEqual([]);
  });

  test('accepts the bank init writes', () => {
    const notes = checkFieldNotes(yaml(FIELDS));
    const scaffold = renderBankScaffold(builtinBankText(), notes, {
      id: 'mine',
      file: 'x.yaml',
      schemaLine: '#',
    });
    expect(errorsOf(validateBank, yaml(scaffold))).toEqual([]);
  });

  test.each([
    ['a misspelt key', 'help: Quota, revenue', 'hepl: Quota, revenue', 'must NOT have additional properties'],
    [
      'a wrong type',
      '    weight: 2\n    label: giving',
      '    weight: two\n    label: giving',
      'must be number',
    ],
    ['an id that is not kebab-case', 'id: give-time', 'id: Give_Time', 'must match pattern'],
    [
      'an unknown question type',
      'type: text\n    prompt: What do we owe',
      'type: essay\n    prompt: What do we owe',
      'must be equal to one of the allowed values',
    ],
    [
      'a fractional scale point',
      'min: 1\n    max: 5\n    labels:\n      1: Never',
      'min: 1.5\n    max: 5\n    labels:\n      1: Never',
      'must be integer',
    ],
    ['a tolerance over 100', 'tolerance: 10', 'tolerance: 120', 'must be <= 100'],
    ['a missing title', 'title: Who Failed Whom?\n', '', "must have required property 'title'"],
  ])('rejects %s', (_what, from, to, message) => {
    expect(errorsOf(validateBank, yaml(edit(builtinBankText(), from, to)))).toEqual([
      expect.stringContaining(message),
    ]);
  });

  // What JSON Schema cannot say: references between parts of the file. `validate` reports these.
  test.each([
    ['a duplicate question id', 'id: remove-obstacles', 'id: give-time'],
    ['a supportedBy naming no question', '[coach-strugglers, give-time]', '[coach-strugglers, give-tme]'],
    [
      'a scale with min >= max',
      'min: 1\n    max: 5\n    labels:\n      1: Never',
      'min: 5\n    max: 1\n    labels:\n      1: Never',
    ],
  ])('cannot see %s (validate does)', (_what, from, to) => {
    expect(errorsOf(validateBank, yaml(edit(builtinBankText(), from, to)))).toEqual([]);
  });
});

describe('the answers schema', () => {
  test('accepts the template, a saved run and examples/manager.yaml', () => {
    const bank = builtinBank();
    const saved = {
      meta: { role: 'manager' as const, respondent: 'Dana' },
      values: new Map([['give-time', 3]]),
    };
    expect(errorsOf(validateAnswers, yaml(renderAnswersFile(bank)))).toEqual([]);
    expect(errorsOf(validateAnswers, yaml(renderAnswersFile(bank, saved, '# x')))).toEqual([]);
    expect(errorsOf(validateAnswers, yaml(readFileSync(`${ROOT}examples/manager.yaml`, 'utf8')))).toEqual([]);
  });

  test.each([
    ['a misspelt key', 'answer:\n  give-time: 3\n', 'must NOT have additional properties'],
    ['an unknown role', 'role: boss\nanswers: {}\n', 'must be equal to one of the allowed values'],
    ['a fractional bankVersion', 'bankVersion: 1.5\nanswers: {}\n', 'must be integer'],
  ])('rejects %s', (_what, text, message) => {
    expect(errorsOf(validateAnswers, yaml(text))).toEqual(
      expect.arrayContaining([expect.stringContaining(message)]),
    );
  });
});
