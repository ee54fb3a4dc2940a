// Shared by the fuzz tests: how many runs and which seed. `npm test` runs a bounded, seeded number;
// `FUZZ_RUNS=5000 npm run test:unit` (or one file) runs longer, `FUZZ_SEED=n` replays a failure. On a
// failure fast-check prints the seed, the path and the (shrunk) input; each test also prints its seed.
import type { Parameters } from 'fast-check';

/** The seed: `FUZZ_SEED`, else a fixed one, so `npm test` is repeatable. */
export const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 20261205;

/** fast-check parameters for a fuzz test whose default is `runs` runs. */
export function fuzzParameters<T>(runs: number, extra: Parameters<T> = {}): Parameters<T> {
  const wanted = process.env.FUZZ_RUNS !== undefined ? Number(process.env.FUZZ_RUNS) : runs;
  return { seed: SEED, numRuns: wanted, verbose: 1, ...extra };
}
