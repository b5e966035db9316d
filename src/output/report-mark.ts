/**
 * How a report says that this tool wrote it, so `-o` may replace it later and nothing else. Each format carries
 * a mark that a person's own file does not:
 * - JSON: `schemaVersion` then `kind` as its first two keys (the report models put them there);
 * - HTML: the comment below on a line of its own near the top (its renderer puts it there);
 * - Markdown and text written by -o: the comment, or for text the line below, as the first line. Reports on
 *   stdout go without: they are read, pasted or posted, and a chat renders no comment.
 */
export const REPORT_COMMENT = '<!-- who-failed-whom report -->';
export const TEXT_MARK = 'who-failed-whom report';

export type ReportFormat = 'text' | 'json' | 'markdown' | 'html';

/** The comment may sit below a doctype or a heading, but not deep in a document that merely quotes it. */
const COMMENT_WITHIN = 1024;
const JSON_MARK = /^\s*\{\s*"schemaVersion"\s*:\s*\d+\s*,\s*"kind"\s*:\s*"[a-z][a-z0-9-]*"/;

/** The report as it is written: a file gets its format's mark, when the renderer has not put one in itself. */
export function markReport(format: ReportFormat, text: string, toFile: boolean): string {
  if (!toFile) return text;
  if (format === 'markdown' && !hasComment(text)) return `${REPORT_COMMENT}\n${text}`;
  if (format === 'text') return `${TEXT_MARK}\n${text}`;
  return text;
}

/** Whether the start of a file is the start of a report this tool wrote, in any format. */
export function isOurReport(head: string): boolean {
  const start = head.replace(/^\uFEFF/, '');
  return start.split(/\r?\n/, 1)[0] === TEXT_MARK || JSON_MARK.test(start) || hasComment(start);
}

function hasComment(text: string): boolean {
  return text
    .slice(0, COMMENT_WITHIN)
    .split(/\r?\n/)
    .some((line) => line.trim() === REPORT_COMMENT);
}
