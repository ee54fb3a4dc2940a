// The character tests behind MG502: which characters are invisible, which letters are confusable (and
// when they are not), and how an excerpt shows them escaped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codePoint, escapedExcerpt, invisibleName, suspects } from './unicode.ts';

const cps = (text: string, wholeWords = false) => suspects(text, { wholeWords }).map((s) => codePoint(s.cp));

describe('invisibleName', () => {
  it('names bidi controls, zero-width characters, tags and supplementary variation selectors', () => {
    assert.equal(invisibleName(0x202e), 'RIGHT-TO-LEFT OVERRIDE');
    assert.equal(invisibleName(0x2066), 'LEFT-TO-RIGHT ISOLATE');
    assert.equal(invisibleName(0x200b), 'ZERO WIDTH SPACE');
    assert.equal(invisibleName(0xfeff), 'ZERO WIDTH NO-BREAK SPACE');
    assert.equal(invisibleName(0xe0041), 'TAG');
    assert.equal(invisibleName(0xe0100), 'VARIATION SELECTOR');
  });

  it('leaves visible characters and emoji variation selectors alone', () => {
    for (const cp of [0x41, 0x20, 0xe9, 0x430, 0xfe0f, 0x3000]) assert.equal(invisibleName(cp), undefined);
  });
});

describe('suspects', () => {
  it('finds invisible characters anywhere', () => {
    assert.deepEqual(cps('git\u200bhub'), ['U+200B']);
    assert.deepEqual(cps('a\u202eb\u2066c'), ['U+202E', 'U+2066']);
  });

  it('keeps a zero-width joiner inside an emoji and a non-joiner in Persian', () => {
    assert.deepEqual(cps('\u{1f468}\u200d\u{1f469}'), []);
    assert.deepEqual(cps('\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645'), []);
    assert.deepEqual(cps('ab\u200dcd'), ['U+200D']);
  });

  it('finds a letter of another script inside a Latin word', () => {
    assert.deepEqual(cps('p\u0430ypal'), ['U+0430']);
    assert.deepEqual(cps('\u03bfpenai'), ['U+03BF']);
    assert.deepEqual(
      suspects('p\u0430ypal').map((s) => s.label),
      ['Cyrillic, looks like "a"'],
    );
  });

  it('finds compatibility forms of ASCII letters in any word', () => {
    assert.deepEqual(cps('\uff4e\uff50\uff58'), ['U+FF4E', 'U+FF50', 'U+FF58']);
    assert.deepEqual(cps('\u{1d41a}pi'), ['U+1D41A']);
  });

  it('finds a word made only of look-alikes only where asked (names, commands, hosts)', () => {
    const word = '\u0440\u0430\u0443\u0440\u0430\u04cf'; // looks like "paypal"
    assert.deepEqual(cps(word), []);
    assert.equal(cps(word, true).length, 6);
  });

  it('leaves other scripts on their own, accented Latin and punctuation alone', () => {
    assert.deepEqual(
      cps(
        '/home/u/\u0414\u043e\u043a\u0443\u043c\u0435\u043d\u0442\u044b caf\u00e9 MCP\u30b5\u30fc\u30d0\u30fc',
        true,
      ),
      [],
    );
    assert.deepEqual(cps('\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444', true), []);
    assert.deepEqual(cps('--flag=value, "quoted" \u2014 dash'), []);
  });
});

describe('escapedExcerpt', () => {
  it('escapes every character outside printable ASCII and keeps four characters either side', () => {
    const text = 'prefix-secret-p\u0430ypal-suffix-more';
    assert.equal(escapedExcerpt(text, suspects(text)), '\u2026et-p\\u0430ypal\u2026');
    assert.equal(escapedExcerpt('x\u{e0041}"', suspects('x\u{e0041}"')), 'x\\u{E0041}\\"');
  });
});
