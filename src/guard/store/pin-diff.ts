// How a changed tool definition is shown to a human, by `guard pins diff` and by the console: the
// canonical JSON as readable lines, and a line diff of the pinned and the offered version.

/** A definition (canonical JSON) as readable lines: the description as text, every other field as indented JSON. */
export function definitionLines(definition: string | undefined): string[] {
  if (definition === undefined) return [];
  const def = JSON.parse(definition) as Record<string, unknown>;
  const lines: string[] = [];
  for (const [key, value] of Object.entries(def)) {
    if (typeof value === 'string' && (key === 'description' || !value.includes('\n'))) {
      if (key === 'description') lines.push('description:', ...value.split('\n').map((l) => `  ${l}`));
      else lines.push(`${key}: ${value}`);
    } else {
      lines.push(
        `${key}:`,
        ...JSON.stringify(value, null, 2)
          .split('\n')
          .map((l) => `  ${l}`),
      );
    }
  }
  return lines;
}

/** A line diff (longest common subsequence): unchanged lines start with two spaces, removed with `- `, added with `+ `. */
export function lineDiff(a: string[], b: string[]): string[] {
  // Definitions are small; past this size a plain before/after is clearer than a slow diff anyway.
  if (a.length * b.length > 4_000_000) return [...a.map((l) => `- ${l}`), ...b.map((l) => `+ ${l}`)];
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push(`  ${a[i++]}`);
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) out.push(`- ${a[i++]}`);
    else out.push(`+ ${b[j++]}`);
  }
  return out;
}
