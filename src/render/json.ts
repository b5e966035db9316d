import type { Report } from '../core/report.js';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * A team report as JSON, in pieces to write one after another: indented, but each group on one line. An org of
 * 2,000 teams is then 2,000 lines instead of some 2 million and a third of the bytes, and never one string of
 * tens of megabytes (with its copies while it is joined and written).
 */
export function* teamJsonChunks(report: object): Generator<string> {
  const entries = Object.entries(report);
  yield '{\n';
  for (const [index, [key, value]] of entries.entries()) {
    const comma = index < entries.length - 1 ? ',\n' : '\n';
    if (key === 'groups' && Array.isArray(value) && value.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (const [g, group] of value.entries()) {
        yield `    ${JSON.stringify(group)}${g < value.length - 1 ? ',\n' : '\n'}`;
      }
      yield `  ]${comma}`;
    } else {
      yield `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replaceAll('\n', '\n  ')}${comma}`;
    }
  }
  yield '}\n';
}
