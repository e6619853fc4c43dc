import assert from 'node:assert/strict';
import { test } from 'node:test';
import { levelSetup } from '../harness/measure/measure-runner.ts';
import { answersDependOnIdentity } from '../mock-server/identity-use.ts';
import { resolveServerProfile, serverProfileSchema, type ServerProfileInput } from '../mock-server/profile.ts';
import { defaultClientConfig } from '../runners/client-config.ts';
import { NO_WORK } from '../runners/work.ts';
import { planFor } from '../scripts/self-bench/measure-plan.ts';

const depends = (profile: ServerProfileInput): boolean => answersDependOnIdentity(resolveServerProfile(serverProfileSchema.parse(profile)));

test('the identity matters wherever the server draws per request, phases by index, or records requests', () => {
  assert.equal(depends({ latencyMs: 0 }), false);
  assert.equal(depends({ latencyMs: 50, capacity: 4, rateLimit: 100 }), false, 'capacity and a rate limit draw nothing');
  assert.equal(depends({ latencyMs: 50, latencyDistribution: 'uniform', latencySpreadMs: 0 }), false, 'no spread: one value');
  assert.equal(
    depends({ latencyMs: 50, latencyDistribution: 'pareto', latencyMinMs: 20, latencyMaxMs: 20 }),
    false,
    'clamped to one value',
  );
  assert.equal(depends({ latencyMs: 50, latencyDistribution: 'exponential' }), true);
  assert.equal(depends({ latencyMs: 50, latencyDistribution: 'lognormal', latencySpreadMs: 10 }), true);
  assert.equal(depends({ latencyMs: 50, jitterMs: 1 }), true);
  assert.equal(depends({ latencyMs: 50, errorRate: 0.01 }), true);
  assert.equal(depends({ latencyMs: 50, resetRate: 0.01 }), true);
  assert.equal(depends({ latencyMs: 50, stallRate: 0.01 }), true);
  assert.equal(depends({ latencyMs: 50, phases: [{ afterRequests: 10, latencyMs: 5 }] }), true);
  assert.equal(depends({ latencyMs: 50, recordRequests: true }), true);
});

test('a level sends the identity header only where the server uses it', () => {
  const parts = {
    origin: 'http://127.0.0.1:1',
    client: defaultClientConfig,
    work: { cpuWork: NO_WORK, busyRate: { busyRoundsPerMs: 1 } },
  };
  const fixed = planFor({ server: { latencyMs: 5 }, workload: { requests: 10 }, concurrency: [2] });
  const drawn = planFor({ server: { latencyMs: 5, latencyDistribution: 'exponential' }, workload: { requests: 10 }, concurrency: [2] });
  assert.equal(levelSetup(parts, fixed).identityHeader, false);
  assert.equal(levelSetup(parts, drawn).identityHeader, true);
  assert.notEqual(levelSetup(parts, fixed).key, levelSetup(parts, drawn).key, 'the two setups get clients of their own');
});
