// Reads a secret typed at a terminal without showing it: the terminal is put in raw mode (no echo) for
// the line and restored after, whatever happens. Used by `guard console hash-password` when standard
// input is a TTY (piped input never reaches a screen and is read as it is).
import { StringDecoder } from 'node:string_decoder';
import { UsageError } from './errors.ts';

/** Minimal view of a TTY input stream (process.stdin at a terminal). */
export interface TtyInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/**
 * Asks `prompt` on `output` (standard error: data stays on standard output) and reads one line from
 * `input` with the echo off. Backspace deletes, Enter ends the line, Ctrl-C and Ctrl-D on an empty line
 * give up with a UsageError. Nothing typed is written anywhere.
 */
export function readHiddenLine(
  prompt: string,
  input: TtyInput = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Promise<string> {
  output.write(prompt);
  input.setRawMode?.(true);
  input.resume();
  return new Promise<string>((resolve, reject) => {
    let line = '';
    // An escape sequence (arrow keys, ESC [ ... final byte) in progress: none of it is text.
    let inEscape: 'no' | 'start' | 'csi' = 'no';
    const decoder = new StringDecoder('utf8');
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(line);
    };
    const onData = (chunk: Buffer | string) => {
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
      for (const ch of text) {
        if (inEscape === 'start') {
          inEscape = ch === '[' ? 'csi' : 'no';
          continue;
        }
        if (inEscape === 'csi') {
          if (ch >= '@' && ch <= '~') inEscape = 'no';
          continue;
        }
        if (ch === '\u001b') {
          inEscape = 'start';
          continue;
        }
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003') return finish(new UsageError('cancelled'));
        if (ch === '\u0004') {
          if (line === '') return finish(new UsageError('cancelled'));
          continue;
        }
        if (ch === '\u007f' || ch === '\b') {
          line = Array.from(line).slice(0, -1).join('');
          continue;
        }
        // Other control characters are not part of a password.
        if (ch < ' ') continue;
        line += ch;
      }
    };
    input.on('data', onData);
  });
}
