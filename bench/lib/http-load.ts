// The HTTP load generator, run as its own process so that it does not share a CPU queue with the
// gateway it measures. Opens N MCP sessions (initialize + initialized), warms up, then each session
// sends `tools/call echo` with distinct arguments back to back (closed loop) for the measured time.
// Input: one JSON argument {url, headers, sessions, warmupSec, durationSec}; output: one JSON line.
import { quantile } from './common.ts';
import { type Endpoint, HttpSession } from './http-client.ts';

/** What the parent asks for. */
export interface LoadSpec {
  url: string;
  /** Several guard replicas: session i goes to urls[i % urls.length] (default: `url` only). */
  urls?: string[];
  headers: Record<string, string>;
  sessions: number;
  warmupSec: number;
  durationSec: number;
  /** Also return every measured latency (`latenciesUs`), so rounds of one point can be merged. */
  raw?: boolean;
}

/** What one load run measured; latencies in microseconds. */
export interface LoadResult {
  sessions: number;
  requests: number;
  seconds: number;
  reqPerSec: number;
  p50us: number;
  p99us: number;
  errors: number;
  firstError?: string;
  /**
   * CPU the load generator itself used in the measured time, as a share of one core (user + system).
   * Well under 1 (it is one Node thread): the generator was waiting on the gateway, not the bottleneck.
   */
  loadCpuShare: number;
  /**
   * Every HTTP request the run sent, warm-up, session opening and closing included: what the gateway's
   * CPU over the whole run is divided by for its CPU per request.
   */
  allRequests: number;
  /** Every measured latency in microseconds (when the spec asked for `raw`). */
  latenciesUs?: number[];
}

/** Runs the load described by `spec`. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const urls = spec.urls ?? [spec.url];
  const sessions = Array.from(
    { length: spec.sessions },
    (_, i) => new HttpSession({ url: urls[i % urls.length], headers: spec.headers } satisfies Endpoint),
  );
  await Promise.all(sessions.map((s) => s.open()));
  let errors = 0;
  let firstError: string | undefined;
  const latencies: number[] = [];
  let counter = 0;
  let sent = 3 * spec.sessions; // initialize, initialized, DELETE
  const loop = async (s: HttpSession, until: number, record: boolean) => {
    while (performance.now() < until) {
      const t0 = performance.now();
      sent++;
      try {
        await s.echo(`r${counter++}`);
        if (record) latencies.push((performance.now() - t0) * 1000);
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message;
        if (errors > 100) throw new Error(`too many errors; first: ${firstError}`);
      }
    }
  };
  await Promise.all(sessions.map((s) => loop(s, performance.now() + spec.warmupSec * 1000, false)));
  errors = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(sessions.map((s) => loop(s, t0 + spec.durationSec * 1000, true)));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await Promise.all(sessions.map((s) => s.close()));
  const sorted = Float64Array.from(latencies).sort();
  return {
    sessions: spec.sessions,
    requests: latencies.length,
    seconds,
    reqPerSec: latencies.length / seconds,
    p50us: quantile(sorted, 0.5),
    p99us: quantile(sorted, 0.99),
    errors,
    firstError,
    loadCpuShare: (cpu.user + cpu.system) / 1e6 / seconds,
    allRequests: sent,
    latenciesUs: spec.raw ? latencies.map(Math.round) : undefined,
  };
}

if (import.meta.main) {
  const spec = JSON.parse(process.argv[2]) as LoadSpec;
  try {
    process.stdout.write(`${JSON.stringify(await runLoad(spec))}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ fatal: (error as Error).message })}\n`);
    process.exitCode = 1;
  }
}
