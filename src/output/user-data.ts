import { parse } from 'yaml';

/** An answers file or a bank: data a person wrote, never to be replaced by a report without --force. */
export function looksLikeUserData(text: string): boolean {
  try {
    const data: unknown = parse(text, { maxAliasCount: 100, logLevel: 'error' });
    return typeof data === 'object' && data !== null && ('answers' in data || 'questions' in data);
  } catch {
    return false;
  }
}
