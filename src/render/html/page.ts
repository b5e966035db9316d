import { VERSION } from '../../version.js';
import { type Html, html, type Part, trusted } from './markup.js';
import { STYLESHEET } from './styles.js';

/**
 * The comment every page starts with (after the doctype), so that a report this tool wrote can be told from any
 * other file, e.g. before `-o` replaces it.
 */
export const HTML_REPORT_MARKER = '<!-- who-failed-whom report -->';

/**
 * Nothing loads: no script, no font, no image, no frame, no form target; only the page's own inline styles.
 * A `<meta>` cannot set frame-ancestors or sandbox, so those are left out.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** Patterns the charts fill with, defined once per page and referred to by the stylesheet. */
const PATTERNS = trusted(`<svg class="defs" aria-hidden="true" focusable="false" width="0" height="0"><defs>
<pattern id="p-asked" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="p-asked-base" width="6" height="6"></rect><rect class="p-asked-stripe" width="2" height="6"></rect></pattern>
<pattern id="p-withheld" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="p-withheld-base" width="6" height="6"></rect><rect class="p-withheld-stripe" width="2" height="6"></rect></pattern>
</defs></svg>`);

export interface PageSpec {
  /** The browser tab's title. */
  title: string;
  /** Above the heading, small: what kind of report this is. */
  eyebrow: string;
  heading: string;
  /** Under the heading: who, when, whose view. */
  meta: string[];
  body: Part;
}

/** A whole, self-contained page: one file with its styles inline and nothing to fetch. */
export function htmlPage(spec: PageSpec): string {
  const page: Html = html`<!DOCTYPE html>
${trusted(HTML_REPORT_MARKER)}
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${trusted(CONTENT_SECURITY_POLICY)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="who-failed-whom ${VERSION}">
<title>${spec.title}</title>
<style>${trusted(STYLESHEET)}</style>
</head>
<body>
${PATTERNS}
<main class="page">
<header class="masthead">
<p class="eyebrow">${spec.eyebrow}</p>
<h1>${spec.heading}</h1>
${spec.meta.length > 0 ? html`<p class="meta">${spec.meta.join(' · ')}</p>` : null}
</header>
${spec.body}
<footer>Made by who-failed-whom ${VERSION}.</footer>
</main>
</body>
</html>
`;
  return page.markup;
}
