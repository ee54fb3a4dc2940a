// Recognises a shell asked to run a string (`bash -c "..."`, `cmd /c ...`, `pwsh -Command ...`,
// `powershell -EncodedCommand ...`) and recovers the string and its words. MG402 reports these; the
// launcher parser looks through them so the package run inside is still judged.
import { Buffer } from 'node:buffer';
import { programName, splitShell, type Word } from '../../src/config/launch.ts';

/** POSIX-style shells that take `-c <string>`. */
const POSIX_SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'fish']);
/** PowerShell, Windows and cross-platform. */
const POWERSHELLS = new Set(['powershell', 'pwsh']);

/** A shell running a string. */
export interface ShellInvocation {
  /** The shell's program name (`bash`, `cmd`, `pwsh`). */
  shell: string;
  /** The word naming the shell. */
  program: Word;
  /** The word with the flag that makes it run a string (`-c`, `-lc`, `/c`, `-Command`). */
  flag: Word;
  /** The string it runs (decoded, for `-EncodedCommand`). */
  script: string;
  /** True for `-EncodedCommand`: the string was hidden in base64. */
  encoded: boolean;
  /** The word holding (the start of) the string: the place to report. */
  scriptWord: Word;
  /** The string as argv words (split the way a shell would), each tied to the config value it came from. */
  inner: Word[];
}

/** Splits one word's text into words that keep the word's source. */
function splitWord(word: Word, text = word.text): Word[] {
  return splitShell(text).map((t) => ({ text: t, source: word.source }));
}

/** POSIX shell options that take a value (`-o pipefail`, `--rcfile f`). */
const POSIX_VALUED = new Set(['-o', '+o', '-O', '+O', '--rcfile', '--init-file', '--init-command', '-C']);

function posix(words: readonly Word[]): Omit<ShellInvocation, 'shell' | 'program'> | undefined {
  let flag: Word | undefined;
  for (let i = 1; i < words.length; i++) {
    const t = words[i].text;
    if (t === '--' || !/^[-+]/.test(t)) {
      if (!flag) return undefined; // `bash script.sh`: a script file, not a string
      const at = t === '--' ? i + 1 : i;
      const scriptWord = words[at];
      if (!scriptWord) return undefined;
      return { flag, script: scriptWord.text, encoded: false, scriptWord, inner: splitWord(scriptWord) };
    }
    if (t === '--command') flag = words[i];
    else if (t.startsWith('--command=')) {
      const script = t.slice('--command='.length);
      return {
        flag: words[i],
        script,
        encoded: false,
        scriptWord: words[i],
        inner: splitWord(words[i], script),
      };
    } else if (/^-[A-Za-z]*c[A-Za-z]*$/.test(t)) flag = words[i];
    else if (POSIX_VALUED.has(t)) i++;
  }
  return undefined;
}

function cmd(words: readonly Word[]): Omit<ShellInvocation, 'shell' | 'program'> | undefined {
  for (let i = 1; i < words.length; i++) {
    const t = words[i].text;
    const m = /^\/[ck](.*)$/is.exec(t);
    if (m) {
      // `/c` may be glued to its string (`/cnpx ...` is rare; `/c"npx ..."` happens).
      const rest = words.slice(i + 1);
      const glued = m[1].trim();
      const inner = [
        ...(glued ? splitWord(words[i], glued) : []),
        ...rest.flatMap((w) => (/\s/.test(w.text) ? splitWord(w) : [w])),
      ];
      const scriptWord = glued ? words[i] : rest[0];
      if (!scriptWord) return undefined;
      const script = [glued, ...rest.map((w) => w.text)].filter(Boolean).join(' ');
      return { flag: words[i], script, encoded: false, scriptWord, inner };
    }
    if (!t.startsWith('/')) return undefined;
  }
  return undefined;
}

/** PowerShell's parameters may be abbreviated; these are the spellings that mean Command / EncodedCommand. */
function powershellFlag(t: string): 'command' | 'encoded' | 'file' | undefined {
  const p = t.toLowerCase();
  if (!/^[-/]/.test(p)) return undefined;
  const name = p.slice(1);
  if (name === 'c' || (name.length >= 3 && 'command'.startsWith(name))) return 'command';
  if (name === 'e' || name === 'ec' || (name.length >= 2 && 'encodedcommand'.startsWith(name)))
    return 'encoded';
  if (name === 'f' || (name.length >= 2 && 'file'.startsWith(name))) return 'file';
  return undefined;
}

/** PowerShell parameters that take a value, so their value is not mistaken for the command. */
const PS_VALUED =
  /^[-/](ex|ep|executionpolicy|w|windowstyle|v|version|inputformat|if|outputformat|of|o|configurationname|config|workingdirectory|wd|settingsfile|psconsolefile)$/i;

function powershell(words: readonly Word[]): Omit<ShellInvocation, 'shell' | 'program'> | undefined {
  for (let i = 1; i < words.length; i++) {
    const t = words[i].text;
    const kind = powershellFlag(t);
    if (kind === 'file') return undefined;
    if (kind === 'command') {
      const rest = words.slice(i + 1);
      if (rest.length === 0) return undefined;
      const script = rest.map((w) => w.text).join(' ');
      return {
        flag: words[i],
        script,
        encoded: false,
        scriptWord: rest[0],
        inner: rest.flatMap((w) => splitWord(w)),
      };
    }
    if (kind === 'encoded') {
      const value = words[i + 1];
      if (!value) return undefined;
      const script = decodeUtf16(value.text);
      return { flag: words[i], script, encoded: true, scriptWord: value, inner: splitWord(value, script) };
    }
    if (PS_VALUED.test(t)) i++;
    else if (!/^[-/]/.test(t)) return undefined;
  }
  return undefined;
}

/** Decodes PowerShell's `-EncodedCommand` (base64 of UTF-16LE); the raw text when it is not base64. */
export function decodeUtf16(b64: string): string {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return b64;
  return Buffer.from(b64, 'base64').toString('utf16le');
}

/** The shell invocation `words` start with, if the shell is given a string to run. */
export function shellInvocation(words: readonly Word[]): ShellInvocation | undefined {
  const program = words[0];
  const shell = programName(program?.text);
  const found = POSIX_SHELLS.has(shell)
    ? posix(words)
    : shell === 'cmd'
      ? cmd(words)
      : POWERSHELLS.has(shell)
        ? powershell(words)
        : undefined;
  return found ? { shell, program, ...found } : undefined;
}
