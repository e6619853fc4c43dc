import { createPromiseConcurrentRunner } from '../../runners/promise-concurrent.ts';
import type { RunnerDescriptor } from '../../runners/registry.ts';
import type { RunnerFactory } from '../../runners/types.ts';

/**
 * A runner no report has heard of: its model host imports this file and calls the factory, which lends the batch to
 * promise-concurrent's loop. Everything the reports may say about it comes from its descriptor below, through
 * results.json's `runners` facts.
 */
export const createFakeRunner: RunnerFactory = (options) => createPromiseConcurrentRunner(options);

export const FAKE_RUNNER_ID = 'fake-pool';

/** Claims a pool of its own, with its own nouns and colour, so the reports must read them to describe it. */
export const FAKE_RUNNER: RunnerDescriptor = {
  id: FAKE_RUNNER_ID,
  language: 'node',
  runsOn: 'threads',
  model: 'a pool of fakelets that lends its requests to one event loop',
  inFlight: 'level',
  workerNouns: ['fakelet', 'fakelets'],
  analogue: 'none',
  colour: '#c71585',
  supports: { limiters: false, openLoop: false, target: false, agentSweep: false },
  layout: (concurrency) => ({ label: `${FAKE_RUNNER_ID} 1x${concurrency}`, inFlight: concurrency, workers: 1, lanes: concurrency }),
  host: { kind: 'node', module: new URL('./fake-runner.js', import.meta.url).href, factory: 'createFakeRunner' },
};
