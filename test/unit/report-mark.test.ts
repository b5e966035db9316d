import { describe, expect, test } from '@jest/globals';
import { isOurReport, markReport, REPORT_COMMENT, TEXT_MARK } from '../../src/output/report-mark.js';

describe('isOurReport: a report of ours is known by its mark, and nothing else is taken for one', () => {
  test.each([
    ['text written by -o', `${TEXT_MARK}\nWho Failed Whom? · Dana\n`],
    ['text with Windows line ends', `${TEXT_MARK}\r\nWho Failed Whom?\r\n`],
    ['Markdown written by -o', `${REPORT_COMMENT}\n## Who Failed Whom?\n`],
    ['HTML, the comment below the doctype', `<!doctype html>\n${REPORT_COMMENT}\n<html>`],
    ['JSON, an assessment', '{\n  "schemaVersion": 1,\n  "kind": "assessment",\n  "bank": {'],
    ['JSON, a team report reformatted', '{"schemaVersion":1,"kind":"team","bank":{}}'],
    ['with a byte-order mark', `\uFEFF${TEXT_MARK}\n`],
  ])('ours: %s', (_what, head) => {
    expect(isOurReport(head)).toBe(true);
  });

  test.each([
    ['an answers file', 'answers:\n  give-time: 3\n'],
    ['package.json', '{\n  "name": "who-failed-whom",\n  "version": "1.0.0"\n}\n'],
    ['JSON with a schemaVersion but no kind', '{\n  "schemaVersion": 1,\n  "bank": {}\n}'],
    ['JSON with a kind first', '{"kind": "team", "schemaVersion": 1}'],
    ['a text report a shell redirected (no mark)', 'Who Failed Whom? · Dana\n\n  What you ask\n'],
    ['text whose first line only begins with the mark', `${TEXT_MARK} card\n`],
    ['the mark on a later line of text', `Notes\n${TEXT_MARK}\n`],
    ['a document that quotes the comment deep down', `# Notes\n${'text\n'.repeat(300)}${REPORT_COMMENT}\n`],
    ['the comment inside a line', `Our marker is ${REPORT_COMMENT} in HTML\n`],
    ['an empty file', ''],
  ])('not ours: %s', (_what, head) => {
    expect(isOurReport(head)).toBe(false);
  });
});

describe('markReport', () => {
  test('marks text and Markdown for a file, and each is then known as ours', () => {
    for (const format of ['text', 'markdown'] as const) {
      const marked = markReport(format, 'Who Failed Whom?\n', true);
      expect(marked.endsWith('Who Failed Whom?\n')).toBe(true);
      expect(isOurReport(marked)).toBe(true);
      expect(markReport(format, 'Who Failed Whom?\n', false)).toBe('Who Failed Whom?\n');
    }
  });

  test('leaves JSON and HTML as their renderers made them, and never marks twice', () => {
    expect(markReport('json', '{}\n', true)).toBe('{}\n');
    expect(markReport('html', '<!doctype html>\n', true)).toBe('<!doctype html>\n');
    const once = markReport('markdown', '## R\n', true);
    expect(markReport('markdown', once, true)).toBe(once);
  });
});
