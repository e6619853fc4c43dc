import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument, DomUtils } from 'htmlparser2';
import { TUNE_SCHEMA_VERSION, type TuneFile } from '../harness/tune/types.ts';
import { renderTuneHtml } from '../reports/tune/html.ts';
import { defaultClientConfig } from '../runners/client-config.ts';
import { resultsFile } from './support/results-fixture.ts';

const tune: TuneFile = {
  schemaVersion: TUNE_SCHEMA_VERSION,
  kind: 'tune',
  tool: { name: 'concurrency-bench', version: '0.0.0-test' },
  environment: resultsFile().environment,
  run: { seed: 1, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:01:00.000Z', complete: true },
  scenario: {
    id: 'saturating-backend',
    title: 'Saturating <backend>',
    description: 'Capacity 32.',
    meanLatencyMs: 20,
    server: { latencyMs: 20, jitterMs: 0, bodyBytes: 256, seed: 1, capacity: 32 },
    client: defaultClientConfig,
  },
  limits: { sloP99Ms: 400, maxErrorRate: 0.01 },
  bounds: { maxConcurrency: 256, maxPoolSize: 4, basePoolSize: 2, rounds: 8, iterations: 5, warmupIterations: 1 },
  recommendations: [
    {
      runner: 'promise-concurrent',
      concurrency: 36,
      connections: 36,
      throughput: 1550,
      littleThroughput: 1800,
      p99Ms: 31,
      meetsLimits: true,
      reason: 'At 72 in flight throughput stayed within 2% while p99 doubled: <the server queue>.',
    },
  ],
  sweeps: [],
  points: [],
};

test('tune.html opens with the recommended setting per runner and why, before the tables and the environment', () => {
  const html = renderTuneHtml(tune);
  const document = parseDocument(html);
  const sections = DomUtils.findAll((e) => e.name === 'section', document.children).map((e) => e.attribs.id);
  assert.deepEqual(sections, ['answer', 'recommendations', 'environment']);
  const answer = DomUtils.findOne((e) => e.attribs.id === 'answer', document.children);
  assert.ok(answer);
  const text = DomUtils.textContent(answer);
  assert.match(text, /promise-concurrent: 36 in flight/);
  assert.match(text, /1,550 req\/s, p99 31\.0 ms/);
  assert.match(text, /p99 doubled: <the server queue>\./);
  assert.ok(html.includes('&lt;the server queue&gt;') && html.includes('Saturating &lt;backend&gt;'), 'escaped');
});
