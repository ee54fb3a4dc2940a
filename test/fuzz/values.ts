// Generators shared by the fuzz tests: JSON values with the shapes that broke parsers and hashes
// before (deep nesting, `__proto__` members, huge and odd numbers, long and odd strings), and texts
// built from the punctuation of JSON, YAML and TOML.
import fc from 'fast-check';
import { stringify } from 'yaml';

/** Strings that are likely to matter: empty, secrets, variables, control and non-ASCII characters. */
export const oddString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    '__proto__',
    'constructor',
    '${HOME}',
    '${UNSET_VAR}',
    'sk-live-0123456789abcdef',
    'a\u0000b',
    '\u2028',
    '💥',
    '-1e400',
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** Keys, including the ones that set prototypes when assigned carelessly. */
export const oddKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', '_meta', 'amount', 'to'),
  fc.string({ maxLength: 12 }),
);

/** Any JSON value, some of them deeply nested. */
export const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', maxDepth: 6 },
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom(1e308, -0, 2 ** 53 + 1, 0.1),
        oddString,
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(oddKey, tie('value'), { maxKeys: 4 }),
      ),
    })).value,
  },
  // Nesting up to 20,000 levels, as a token that toJson/toYaml expand (fast-check prints it short).
  { weight: 1, arbitrary: fc.integer({ min: 60, max: 20_000 }).map((n) => `__DEEP_${n}__`) },
);

const DEEP = /"?__DEEP_(\d+)__"?/g;
const PAD = /__PAD_(\d+)__/g;

/**
 * Expands the tokens generators use to stay printable (fast-check prints inputs on failure):
 * `"__DEEP_n__"` becomes n nested arrays, `__PAD_n__` n characters.
 */
export function expand(text: string): string {
  return text
    .replace(DEEP, (_m, n) => `${'['.repeat(Number(n))}${']'.repeat(Number(n))}`)
    .replace(PAD, (_m, n) => 'x'.repeat(Number(n)));
}

/** JSON text of a value, deep tokens expanded into real nesting. */
export function toJson(value: unknown): string {
  return expand(JSON.stringify(value) ?? 'null');
}

/** Text soup from the punctuation of the config formats. */
export const punctuation = fc
  .array(
    fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ':',
      ',',
      '"',
      "'",
      '=',
      '#',
      '&a',
      '*a',
      '<<',
      '- ',
      '\n',
      '  ',
      'x',
      '1',
      '.',
      '\\',
      '!!',
      '|',
      '>',
      '%YAML',
      '---',
      '[[a]]',
      'k = ',
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

/** YAML text of a value, deep tokens expanded into flow sequences. */
export function toYaml(value: unknown): string {
  return expand(stringify(value));
}
