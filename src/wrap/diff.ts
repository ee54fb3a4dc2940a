// The unified diff `wrap` prints without `--write`: one patch per file that would change, from the
// `diff` package (jsdiff), with a new guard config shown against /dev/null as git does.
import { createPatch } from 'diff';
import type { WrapResult } from './index.ts';

/** The patches for both files (empty when nothing would change). */
export function wrapDiff(result: WrapResult): string {
  const out: string[] = [];
  if (result.clientAfter !== result.clientBefore)
    out.push(patch(result.clientFile, result.clientBefore, result.clientAfter, false));
  if (result.guardAfter !== (result.guardBefore ?? ''))
    out.push(
      patch(result.guardFile, result.guardBefore ?? '', result.guardAfter, result.guardBefore === undefined),
    );
  return out.join('');
}

function patch(file: string, before: string, after: string, created: boolean): string {
  const text = createPatch(file, before, after, undefined, undefined, { context: 3 });
  // createPatch starts with an `Index:` banner and names the file twice; show git's style instead.
  const body = text.split('\n').slice(4).join('\n');
  return `--- ${created ? '/dev/null' : `a${file}`}\n+++ b${file}\n${body}`;
}
