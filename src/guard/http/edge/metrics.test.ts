// The metrics step: `/metrics` answered by the metrics handler (its own token), other paths pass.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryStore } from '../../store/memory.ts';
import { createMetrics } from '../metrics.ts';
import { metricsStep } from './metrics.ts';
import { edgeServer, type Passed } from './test-server.ts';

test('serves /metrics with its token; other paths pass', async () => {
  const metrics = createMetrics({
    agentLabels: false,
    token: 'scrape',
    store: new MemoryStore(),
    backends: () => [],
  });
  const s = await edgeServer([metricsStep(metrics)]);
  try {
    assert.equal((await fetch(`${s.base}/metrics`)).status, 401);
    const res = await fetch(`${s.base}/metrics`, { headers: { authorization: 'Bearer scrape' } });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /# TYPE/);
    assert.equal(((await (await fetch(`${s.base}/mcp`)).json()) as Passed).passed, true);
  } finally {
    await s.close();
  }
});
