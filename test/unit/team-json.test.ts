/**
 * The team report's JSON is written in pieces (src/render/json.ts): the head indented, each group on one line, a
 * long list an entry at a time. Put together, the pieces are exactly the document JSON.stringify would make, and
 * none of them is the whole of a long list.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { teamJsonChunks } from '../../src/render/json.js';

/** The document as it was made before it came in pieces: each field indented, each group on one line. */
function whole(head: object, groups: object[] | null, after: object): string {
  const field = ([key, value]: [string, unknown]) =>
    `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replaceAll('\n', '\n  ')}`;
  const groupLines =
    groups === null
      ? '  "groups": null,\n'
      : groups.length === 0
        ? '  "groups": [],\n'
        : `  "groups": [\n${groups.map((g) => `    ${JSON.stringify(g)}`).join(',\n')}\n  ],\n`;
  return `{\n${Object.entries(head)
    .map((entry) => `${field(entry)},\n`)
    .join('')}${groupLines}${Object.entries(after).map(field).join(',\n')}\n}\n`;
}

// Values of the shapes a report holds, now and then a long list (past the length written an entry at a time).
const leaf = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const longList = fc.integer({ min: 257, max: 600 }).chain((n) =>
  fc.array(fc.oneof(leaf, fc.record({ a: leaf, b: fc.array(leaf, { maxLength: 3 }) })), {
    minLength: n,
    maxLength: n,
  }),
);
const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 5 }), tie('value'), { maxKeys: 4 }),
    longList,
  ),
})).value;
// A report's own fields always have a value (what is left out of the report is null), and the fields written after
// the groups are never none (what was skipped, at least).
const defined = value.filter((v) => v !== undefined);
const record = fc.dictionary(fc.string({ maxLength: 6 }), defined, { maxKeys: 4 });
const after = fc.dictionary(fc.string({ maxLength: 6 }), defined, { minKeys: 1, maxKeys: 4 });

describe('the team JSON in pieces', () => {
  test('is the whole document, whatever the report holds', () => {
    fc.assert(
      fc.property(
        record,
        fc.option(fc.array(record, { maxLength: 3 }), { nil: null }),
        after,
        (head, groups, tail) => {
          expect([...teamJsonChunks(head, groups, () => tail)].join('')).toBe(whole(head, groups, tail));
        },
      ),
      { numRuns: 100 },
    );
  });

  test('writes a long list in pieces, none of them near its whole', () => {
    const texts = Array.from({ length: 100_000 }, (_, i) => `answer number ${i}`);
    const head = { reflections: [{ id: 'what-we-owe', answers: texts, withheld: null }] };
    const pieces = [...teamJsonChunks(head, null, () => ({ skipped: [] }))];
    expect(pieces.join('')).toBe(whole(head, null, { skipped: [] }));
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(100_000);
  });

  test('escapes in every piece what a terminal would obey', () => {
    const head = { reflections: Array.from({ length: 300 }, () => 'a\u202eb\u0085c') };
    const text = [...teamJsonChunks(head, null, () => ({ skippedCount: 0 }))].join('');
    expect(text).not.toMatch(/[\u202e\u0085]/);
    expect(JSON.parse(text).reflections[0]).toBe('a\u202eb\u0085c');
  });
});
