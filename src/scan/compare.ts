// New, existing and fixed: the findings of a scan matched against those of a base scan by fingerprint.
// Matching counts: two findings with one fingerprint in the head and one in the base are one existing
// and one new (a server copied into a second file is new there), and within a fingerprint the pairs
// that share a file and line, then a file, are matched first, so the one marked new is the added one.
import type { Finding, ScanResult } from './finding.ts';

/** The head's findings split by whether the base had them, and the base's that are gone. */
export interface Comparison<F extends Finding = Finding> {
  added: F[];
  existing: F[];
  fixed: F[];
}

function group<F extends Finding>(findings: readonly F[]): Map<string, F[]> {
  const map = new Map<string, F[]>();
  for (const f of findings) {
    const list = map.get(f.fingerprint);
    if (list) list.push(f);
    else map.set(f.fingerprint, [f]);
  }
  return map;
}

/** Compares `head` with `base`; each list keeps its input order. */
export function compareFindings<F extends Finding>(head: readonly F[], base: readonly F[]): Comparison<F> {
  const bases = group(base);
  const matched = new Set<F>();
  const used = new Set<F>();
  const passes: ((h: F, b: F) => boolean)[] = [
    (h, b) => h.file === b.file && h.line === b.line,
    (h, b) => h.file === b.file,
    () => true,
  ];
  for (const [fp, heads] of group(head)) {
    const candidates = bases.get(fp);
    if (!candidates) continue;
    for (const same of passes) {
      for (const h of heads) {
        if (matched.has(h)) continue;
        const b = candidates.find((c) => !used.has(c) && same(h, c));
        if (b) {
          matched.add(h);
          used.add(b);
        }
      }
    }
  }
  return {
    added: head.filter((f) => !matched.has(f)),
    existing: head.filter((f) => matched.has(f)),
    fixed: base.filter((f) => !used.has(f)),
  };
}

/** How many findings of a compared scan are new, existing and fixed. */
export function countByStatus(result: ScanResult): { added: number; existing: number; fixed: number } {
  const added = result.findings.filter((f) => f.status === 'new').length;
  return { added, existing: result.findings.length - added, fixed: result.diff?.fixed.length ?? 0 };
}
