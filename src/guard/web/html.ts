// Server-rendered HTML for the guard's pages (the console, the sign-in page): a tagged template that
// escapes every interpolated value, so text from agents, tools and the audit log is always shown as
// text, never parsed as markup. Only values built by this same tag (`Html`) go in unescaped.
/** A fragment of HTML built by `html` (safe to insert as it is). */
export class Html {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and (quoted) attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** What may be interpolated: text (escaped), numbers, fragments, lists of them; null, undefined and false give nothing. */
export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false || value === true) return '';
  return escapeHtml(String(value));
}

/** The template tag: `html\`<td>${agent}</td>\`` escapes `agent`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

/** A page: the shell every view shares (stylesheet and script served as files: no inline code). */
export interface PageOptions {
  title: string;
  body: Html;
  /** Prefix of the asset URLs, e.g. `/console/assets`. */
  assets: string;
  /** Cache-busting versions of the assets. */
  versions: { css: string; js: string };
  /** Shown in the header: the signed-in user and a sign-out form. */
  header?: Html;
}

/** Renders a whole page. */
export function page(o: PageOptions): string {
  return `<!doctype html>\n${
    html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · mcp-guard</title>
<link rel="stylesheet" href="${o.assets}/console.css?v=${o.versions.css}">
<script src="${o.assets}/console.js?v=${o.versions.js}" defer></script>
</head>
<body>
${o.header ?? ''}
<main>
${o.body}
</main>
</body>
</html>
`.text
  }`;
}
