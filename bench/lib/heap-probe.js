// Preloaded into a guard process by bench/memory.ts (`node --expose-gc --import bench/lib/heap-probe.js ...`):
// on SIGUSR2 it runs a full GC and writes process.memoryUsage() to the file named by
// MCP_GUARD_BENCH_HEAP_PROBE. RSS alone mixes live objects with memory V8 keeps for speed (its young
// generation grows to 128 MiB under a high allocation rate and is not handed back), so the bench reports the
// heap still in use after a GC beside it: that is the figure that grows when objects are retained per call.
// Plain JavaScript on purpose: a .ts preload would load Node's type stripper into a bundled (dist) guard
// and add several MiB to the very figures it helps explain.
import { writeFileSync } from 'node:fs';

const out = process.env.MCP_GUARD_BENCH_HEAP_PROBE;
/** @type {(() => void) | undefined} */
const gc = globalThis.gc;
if (out && gc) {
  let seq = 0;
  process.on('SIGUSR2', () => {
    gc();
    gc(); // the second pass frees what the first one's weak callbacks released
    // Compacting, memory-reducing GC (bench/memory.ts's HTTP part): V8 then hands back the pages that
    // 1,000 closed sessions' dead objects occupied, so the RSS the probe writes is what comes back down.
    if (process.env.MCP_GUARD_BENCH_HEAP_PROBE_COMPACT === '1')
      gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    writeFileSync(out, JSON.stringify({ seq: ++seq, ...process.memoryUsage() }));
  });
}
