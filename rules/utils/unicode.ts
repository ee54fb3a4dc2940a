// Characters that make text read differently from what it is: invisible ones (zero-width, bidi
// controls that reorder what is shown, Unicode tags that carry hidden ASCII) and confusable ones
// (letters of another script, or compatibility forms, that look like Latin letters). Used by MG502 on
// server names, commands, arguments and URLs. The scripts come from the regex engine's Unicode data
// (`\p{Script=...}`); the look-alike letters are the Cyrillic, Greek and Armenian entries of Unicode's
// confusables.txt (UTS #39) whose prototype is one ASCII letter.

/** One suspicious character at a code-point index of the string. */
export interface Suspect {
  index: number;
  cp: number;
  /** `invisible` (zero-width, bidi control, tag ...) or `confusable` (looks like another letter). */
  kind: 'invisible' | 'confusable';
  /** How to describe it: `RIGHT-TO-LEFT OVERRIDE`, `Cyrillic, looks like "a"`. */
  label: string;
}

/** Invisible characters with names, for messages. Ranges are handled in {@link invisibleName}. */
const INVISIBLE: Record<number, string> = {
  173: 'SOFT HYPHEN',
  847: 'COMBINING GRAPHEME JOINER',
  1564: 'ARABIC LETTER MARK',
  4447: 'HANGUL CHOSEONG FILLER',
  4448: 'HANGUL JUNGSEONG FILLER',
  6068: 'KHMER VOWEL INHERENT AQ',
  6069: 'KHMER VOWEL INHERENT AA',
  6158: 'MONGOLIAN VOWEL SEPARATOR',
  8203: 'ZERO WIDTH SPACE',
  8204: 'ZERO WIDTH NON-JOINER',
  8205: 'ZERO WIDTH JOINER',
  8206: 'LEFT-TO-RIGHT MARK',
  8207: 'RIGHT-TO-LEFT MARK',
  8234: 'LEFT-TO-RIGHT EMBEDDING',
  8235: 'RIGHT-TO-LEFT EMBEDDING',
  8236: 'POP DIRECTIONAL FORMATTING',
  8237: 'LEFT-TO-RIGHT OVERRIDE',
  8238: 'RIGHT-TO-LEFT OVERRIDE',
  8288: 'WORD JOINER',
  8289: 'FUNCTION APPLICATION',
  8290: 'INVISIBLE TIMES',
  8291: 'INVISIBLE SEPARATOR',
  8292: 'INVISIBLE PLUS',
  8294: 'LEFT-TO-RIGHT ISOLATE',
  8295: 'RIGHT-TO-LEFT ISOLATE',
  8296: 'FIRST STRONG ISOLATE',
  8297: 'POP DIRECTIONAL ISOLATE',
  12644: 'HANGUL FILLER',
  65279: 'ZERO WIDTH NO-BREAK SPACE',
  65440: 'HALFWIDTH HANGUL FILLER',
  65529: 'INTERLINEAR ANNOTATION ANCHOR',
  65530: 'INTERLINEAR ANNOTATION SEPARATOR',
  65531: 'INTERLINEAR ANNOTATION TERMINATOR',
};

/** The name of an invisible character, or `undefined` for a visible one. */
export function invisibleName(cp: number): string | undefined {
  if (INVISIBLE[cp]) return INVISIBLE[cp];
  // Tags spell hidden ASCII that models read and people do not ("ASCII smuggling").
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'TAG';
  if (cp >= 0xe0100 && cp <= 0xe01ef) return 'VARIATION SELECTOR';
  return undefined;
}

/** Letters of other scripts that look like one ASCII letter (confusables.txt, UTS #39). */
const LOOKALIKES: Record<string, string> = {
  // Cyrillic
  а: 'a',
  с: 'c',
  ԁ: 'd',
  е: 'e',
  һ: 'h',
  і: 'i',
  ј: 'j',
  ӏ: 'l',
  о: 'o',
  р: 'p',
  ԛ: 'q',
  ѕ: 's',
  ԝ: 'w',
  х: 'x',
  у: 'y',
  А: 'A',
  В: 'B',
  С: 'C',
  Е: 'E',
  Н: 'H',
  І: 'I',
  Ј: 'J',
  К: 'K',
  М: 'M',
  О: 'O',
  Р: 'P',
  Ԛ: 'Q',
  Ѕ: 'S',
  Т: 'T',
  Ԝ: 'W',
  Х: 'X',
  Ү: 'Y',
  // Greek
  α: 'a',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  υ: 'u',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  // Armenian
  ց: 'g',
  հ: 'h',
  ո: 'n',
  օ: 'o',
  ս: 'u',
};

/** Scripts whose letters pass for Latin ones; mixing them into a Latin word is the homograph trick. */
const LOOKALIKE_SCRIPTS: [string, RegExp][] = [
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Coptic', /\p{Script=Coptic}/u],
  ['Lisu', /\p{Script=Lisu}/u],
];
const LATIN = /\p{Script=Latin}/u;
const WORD_CHAR = /[\p{L}\p{M}\p{Nd}]/u;
const EMOJI = /\p{Extended_Pictographic}/u;
const JOINING_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Sinhala}]/u;

/** The other script a letter belongs to, when it is one whose letters pass for Latin. */
function lookalikeScript(ch: string): string | undefined {
  return LOOKALIKE_SCRIPTS.find(([, re]) => re.test(ch))?.[0];
}

/** A compatibility form of an ASCII letter or digit (fullwidth `ａ`, mathematical `𝐚`): what it stands for. */
function compatibilityOf(ch: string): string | undefined {
  if (ch.charCodeAt(0) < 0x80) return undefined;
  const n = ch.normalize('NFKC');
  return /^[A-Za-z0-9]+$/.test(n) ? n : undefined;
}

/**
 * The suspicious characters of `text`: invisible ones anywhere (a zero-width joiner between emoji
 * and a zero-width non-joiner in scripts that use it are left alone), and confusable letters: a
 * compatibility form of an ASCII letter, a letter of Cyrillic, Greek ... inside a word that also has
 * Latin letters, and, when `wholeWords` is set (names, commands, hosts), a word made only of such
 * look-alikes (`раураl` in Cyrillic).
 */
export function suspects(text: string, opts: { wholeWords?: boolean } = {}): Suspect[] {
  const chars = [...text];
  const out: Suspect[] = [];
  for (let i = 0; i < chars.length; i++) {
    const cp = chars[i].codePointAt(0) ?? 0;
    const name = invisibleName(cp);
    if (!name) continue;
    if (cp === 0x200d && EMOJI.test(chars[i - 1] ?? '') && EMOJI.test(chars[i + 1] ?? '')) continue;
    if (cp === 0x200c && JOINING_SCRIPT.test(chars[i - 1] ?? '') && JOINING_SCRIPT.test(chars[i + 1] ?? ''))
      continue;
    out.push({ index: i, cp, kind: 'invisible', label: name });
  }
  // Words: runs of letters, marks and digits.
  for (let start = 0; start < chars.length; ) {
    if (!WORD_CHAR.test(chars[start])) {
      start++;
      continue;
    }
    let end = start;
    while (end < chars.length && WORD_CHAR.test(chars[end])) end++;
    out.push(...wordSuspects(chars, start, end, opts.wholeWords ?? false));
    start = end;
  }
  return out.sort((a, b) => a.index - b.index);
}

function wordSuspects(chars: string[], start: number, end: number, wholeWords: boolean): Suspect[] {
  const word = chars.slice(start, end);
  const hasLatin = word.some((c) => LATIN.test(c));
  const letters = word.filter((c) => /\p{L}/u.test(c));
  const allLookalikes = letters.length >= 2 && letters.every((c) => LOOKALIKES[c] !== undefined);
  const out: Suspect[] = [];
  word.forEach((ch, k) => {
    const cp = ch.codePointAt(0) ?? 0;
    const compat = compatibilityOf(ch);
    if (compat) {
      out.push({ index: start + k, cp, kind: 'confusable', label: `compatibility form of "${compat}"` });
      return;
    }
    const script = lookalikeScript(ch);
    if (!script || !(hasLatin || (wholeWords && allLookalikes))) return;
    const like = LOOKALIKES[ch];
    out.push({
      index: start + k,
      cp,
      kind: 'confusable',
      label: like ? `${script}, looks like "${like}"` : script,
    });
  });
  return out;
}

/** `U+202E`. */
export function codePoint(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The text around the suspects with every character outside printable ASCII escaped (`\u202E`,
 * `\u{E0041}`), so the message shows exactly what is there. At most `context` characters are kept on
 * each side of the suspects (a value may hold a secret next to them); the rest is elided with `…`.
 */
export function escapedExcerpt(text: string, found: readonly Suspect[], context = 4): string {
  const chars = [...text];
  if (found.length === 0) return '';
  const first = found[0].index;
  // Suspects far apart: show the first cluster only.
  const last = Math.max(...found.filter((s) => s.index - first <= 24).map((s) => s.index));
  const from = Math.max(0, first - context);
  const to = Math.min(chars.length, last + 1 + context);
  const body = chars.slice(from, to).map(escapeChar).join('');
  return `${from > 0 ? '…' : ''}${body}${to < chars.length ? '…' : ''}`;
}

function escapeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (ch === '\\' || ch === '"') return `\\${ch}`;
  if (cp >= 0x20 && cp < 0x7f) return ch;
  if (cp <= 0xffff) return `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\\u{${cp.toString(16).toUpperCase()}}`;
}
