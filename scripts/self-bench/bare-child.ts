import type { Agent } from 'undici';
import { createAgent } from '../../runners/transports/undici-agent.ts';
import { ownedByParent } from '../../common/owned-process.ts';
import { runBareLoop } from './bare-loop.ts';
import type { BareTask } from './bare-worker.ts';

// A plain forked child: the bare loop on its own Agent, one message in, one message out.
let agent: Agent | undefined;
ownedByParent(async () => {
  await agent?.close();
});
process.on('message', (task: BareTask) => {
  agent ??= createAgent({ origin: task.origin, config: task.config, connections: task.lanes, readBody: false });
  void runBareLoop(agent, task.origin, task.lanes, task.requests).then(() => process.send?.('done'));
});
process.send?.('ready');
