import { performance } from 'node:perf_hooks';
import type { Agent } from 'undici';
import { ownedByParent } from '../../common/owned-process.ts';
import { settleHeap } from '../../runners/host/heap-settle.ts';
import { createAgent } from '../../runners/transports/undici-agent.ts';
import { runBareLoop } from './bare-loop.ts';
import type { BareTask } from './bare-worker.ts';

/** What a bare child answers: its batch's wall, timed around the batch alone as a model host times its own. */
export interface BareDone {
  readonly type: 'done';
  readonly wallMs: number;
}

// A plain forked child: the bare loop on its own Agent, one message in, one message out.
let agent: Agent | undefined;
ownedByParent(async () => {
  await agent?.close();
});
process.on('message', (task: BareTask) => {
  agent ??= createAgent({ origin: task.origin, config: task.config, connections: task.lanes, readBody: false });
  const running = agent;
  // As a model host does before each batch, so both sides start from a collected heap.
  settleHeap();
  const begin = performance.now();
  void runBareLoop(running, task.origin, task.lanes, task.requests, task.headers).then(() =>
    process.send?.({ type: 'done', wallMs: performance.now() - begin } satisfies BareDone),
  );
});
process.send?.('ready');
