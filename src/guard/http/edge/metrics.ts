// Edge step: `/metrics` (Prometheus), with its own optional bearer token, before the agents'
// authentication (a scraper is not an agent).
import type { Metrics } from '../metrics.ts';
import { ANSWERED, type EdgeStep } from './step.ts';

/** Serves `/metrics`. */
export function metricsStep(metrics: Metrics): EdgeStep {
  return {
    name: 'metrics',
    // Not async: every other request passes without a promise.
    run({ path, req, res }) {
      if (path !== '/metrics') return undefined;
      return metrics.handler(req, res).then(() => ANSWERED);
    },
  };
}
