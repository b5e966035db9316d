/**
 * The JSON Schemas of a question bank and of an answers file, generated from the valibot schemas the CLI
 * validates with, so an editor checks a file the way `who-failed-whom validate` does (as far as JSON Schema
 * can: cross-references such as a question's section or a scale's min below its max are for validate alone).
 * Each property carries its explanation from schema/fields.yaml as its description, shown on hover.
 *
 * Bundled and run by scripts/build-schema.mjs; the unit tests call it too, to catch a committed schema that
 * drifted from the code.
 */
import { type ConversionConfig, type JsonSchema, toJsonSchema } from '@valibot/to-json-schema';
import { parse } from 'yaml';
import { answersSchema } from '../src/core/answers.js';
import { bankSchema } from '../src/core/bank-schema.js';
import { checkFieldNotes } from '../src/core/field-notes.js';

export const SCHEMA_FILES = { bank: 'bank.schema.json', answers: 'answers.schema.json' } as const;

/** JSON Schema 7: what yaml-language-server and most editors understand best. */
const CONFIG: ConversionConfig = {
  target: 'draft-07',
  // Anything valibot has that JSON Schema cannot say fails the build, except `finite`: JSON has no
  // infinity, so a JSON number is always finite and leaving the action out loses nothing.
  errorMode: 'throw',
  ignoreActions: ['finite'],
};

/** Both schemas as the files hold them, from the text of schema/fields.yaml. */
export function renderJsonSchemas(fieldsYaml: string): Record<keyof typeof SCHEMA_FILES, string> {
  const notes = checkFieldNotes(parse(fieldsYaml));
  // The draft first, where a reader looks for it.
  const render = ({ $schema, ...rest }: JsonSchema) => `${JSON.stringify({ $schema, ...rest }, null, 2)}\n`;
  return {
    bank: render(describe(toJsonSchema(bankSchema, CONFIG), notes.bank, 'bank')),
    answers: render(describe(toJsonSchema(answersSchema, CONFIG), notes.answers, 'answers')),
  };
}

/** Adds each note as the description of the property at its path; a note that matches nothing is an error. */
function describe(root: JsonSchema, notes: Record<string, string>, what: string): JsonSchema {
  const used = new Set<string>();
  const visit = <S extends JsonSchema | boolean>(schema: S, path: string): S => {
    if (typeof schema !== 'object' || schema === null) return schema;
    const note = notes[path];
    if (note !== undefined) used.add(path);
    const out: Record<string, unknown> =
      note === undefined ? { ...schema } : { description: note, ...schema };
    const at = (key: string) => (path === '' ? key : `${path}.${key}`);
    if (schema.properties) {
      out.properties = Object.fromEntries(
        Object.entries(schema.properties).map(([key, value]) => [key, visit(value, at(key))]),
      );
    }
    if (schema.items && !Array.isArray(schema.items)) out.items = visit(schema.items, `${path}[]`);
    if (typeof schema.additionalProperties === 'object') {
      out.additionalProperties = visit(schema.additionalProperties, at('*'));
    }
    // An optional list or mapping that may also be null (`nullish`) keeps its shape inside anyOf.
    if (schema.anyOf) out.anyOf = schema.anyOf.map((member) => visitMember(member, path));
    return out as S;
  };
  const visitMember = (member: JsonSchema | boolean, path: string) => {
    if (typeof member !== 'object' || member === null) return member;
    // The description is the property's own; each member describes only what it holds.
    const inner = visit(member, path) as Record<string, unknown>;
    if (member.description === undefined) delete inner.description;
    return inner as JsonSchema;
  };
  const described = visit(root, '');
  const unused = Object.keys(notes).filter((path) => !used.has(path));
  if (unused.length > 0) {
    throw new Error(`fields.yaml: ${what} notes for fields the schema does not have: ${unused.join(', ')}`);
  }
  return described;
}
