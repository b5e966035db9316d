// What every page of ours must pass, checked on its text: well-formed markup, and nothing that loads or runs.

/** Elements that may not be closed; every other tag must be closed in order, or the page's markup is broken. */
const VOID = new Set(['meta', 'col', 'br', 'img', 'input', 'link', 'hr']);
export function unbalancedTags(page: string): string[] {
  const stack: string[] = [];
  const problems: string[] = [];
  const body = page.replace(/<!--[\s\S]*?-->/g, '').replace(/<!DOCTYPE html>/, '');
  for (const [, close, name] of body.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*>/g)) {
    const tag = (name as string).toLowerCase();
    if (VOID.has(tag)) continue;
    if (!close) stack.push(tag);
    else if (stack.pop() !== tag) problems.push(`</${tag}> closes something else`);
  }
  return [...problems, ...stack.map((t) => `<${t}> never closed`)];
}

/**
 * What would load something or run something: none of it may be on a page. Text may mention a URL or say
 * "src=" (escaped, it is only text); tags and the stylesheet may not.
 */
export function activeContent(page: string): string[] {
  const found: string[] = [];
  if (/<script/i.test(page)) found.push('<script');
  const markup = [...page.matchAll(/<[^>]*>/g)].map((m) => m[0]).join('\n');
  const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
  for (const text of [markup, styles]) {
    if (/https?:\/\//i.test(text)) found.push('http(s)://');
    if (/url\((?!#)/i.test(text)) found.push('a url() other than a fragment');
    if (/@import/i.test(text)) found.push('@import');
  }
  if (/\s(src|href|srcset|action|formaction|xlink:href|background)\s*=/i.test(markup))
    found.push('a src/href attribute');
  if (/\son[a-z]+\s*=/i.test(markup)) found.push('an event handler attribute');
  return found;
}
