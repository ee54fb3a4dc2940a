// Escaping for strings that come from scanned files (server names, paths, messages quoting values)
// before they go into markdown that GitHub renders: PR comments, job summaries, markdown output. A
// config is untrusted input; it must not be able to add links, images, HTML, tables or mentions.

// Every ASCII punctuation character may be backslash-escaped in CommonMark, and an escaped character
// is always literal. Escaping all of them (rather than a hand-picked few) also defeats GFM's
// autolinks (`https\:` and `www\.` no longer match) and table cell breaks (`\|`).
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?[\\\]^_`{|}~]/g;

// U+200B ZERO WIDTH SPACE: placed after `@` (mentions, team mentions) and `#` (issue references),
// which GitHub links in rendered text even when escaped, because it matches them after markdown.
const ZWSP = '\u200b';

/**
 * Makes `text` render literally as one line of GitHub-flavoured markdown, safe in a paragraph and in
 * a table cell: markdown and HTML are inert, links and autolinks are not formed, `@user` and `#123`
 * do not notify or link, and line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/[\r\n\u2028\u2029]+/g, ' ')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(PUNCTUATION, (c) => `\\${c}`)
      .replace(/[@#]/g, (c) => `${c}${ZWSP}`)
  );
}
