// Reads the top-level `id` out of the beginning of a JSON object without parsing the whole thing,
// so an over-long message can still be answered with its own id while the rest is discarded unread.

/**
 * Returns the top-level `"id"` of a JSON object whose text starts with `prefix`, or undefined when it
 * cannot be seen there (the id comes later, or the text is not an object).
 */
export function sniffId(prefix: string): string | number | undefined {
  let depth = 0;
  let i = 0;
  let expectKey = false;
  const n = prefix.length;
  while (i < n) {
    const c = prefix[i];
    if (c === '"') {
      const end = stringEnd(prefix, i);
      if (end < 0) return undefined;
      const raw = prefix.slice(i, end + 1);
      i = end + 1;
      if (depth === 1 && expectKey) {
        expectKey = false;
        let key: unknown;
        try {
          key = JSON.parse(raw);
        } catch {
          return undefined;
        }
        if (key !== 'id') continue;
        const m = /^\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)(?=\s*[,}])/.exec(prefix.slice(i));
        if (!m) return undefined;
        const value: unknown = JSON.parse(m[1]);
        return typeof value === 'string' || Number.isInteger(value) ? (value as string | number) : undefined;
      }
      continue;
    }
    if (c === '{' || c === '[') {
      depth++;
      expectKey = c === '{' && depth === 1;
    } else if (c === '}' || c === ']') {
      depth--;
    } else if (c === ',' && depth === 1) {
      expectKey = true;
    } else if (depth === 0 && !/\s/.test(c)) {
      return undefined;
    }
    i++;
  }
  return undefined;
}

function stringEnd(text: string, start: number): number {
  for (let j = start + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j;
  }
  return -1;
}
