import { createRequire as __mcpGuardCreateRequire } from 'node:module'; const require = __mcpGuardCreateRequire(import.meta.url);

// src/guard/store/pin-diff.ts
function definitionLines(definition) {
  if (definition === void 0) return [];
  const def = JSON.parse(definition);
  const lines = [];
  for (const [key, value] of Object.entries(def)) {
    if (typeof value === "string" && (key === "description" || !value.includes("\n"))) {
      if (key === "description") lines.push("description:", ...value.split("\n").map((l) => `  ${l}`));
      else lines.push(`${key}: ${value}`);
    } else {
      lines.push(
        `${key}:`,
        ...JSON.stringify(value, null, 2).split("\n").map((l) => `  ${l}`)
      );
    }
  }
  return lines;
}
function lineDiff(a, b) {
  if (a.length * b.length > 4e6) return [...a.map((l) => `- ${l}`), ...b.map((l) => `+ ${l}`)];
  const lcs = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i2 = a.length - 1; i2 >= 0; i2--)
    for (let j2 = b.length - 1; j2 >= 0; j2--)
      lcs[i2][j2] = a[i2] === b[j2] ? lcs[i2 + 1][j2 + 1] + 1 : Math.max(lcs[i2 + 1][j2], lcs[i2][j2 + 1]);
  const out = [];
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

export {
  definitionLines,
  lineDiff
};
