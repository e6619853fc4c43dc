import { parseArgs } from 'node:util';
import { startCapacityService } from './capacity-service.ts';

// `node dist/test/support/capacity-service-main.js --port 8099 --latency 45 --capacity 6 [--sigma 0.3]`, or
// `--latency 20 --capacity Infinity --contention 0.02 --coherency 0.002` for a service that peaks at 22 in flight: the
// service on its own, to try `npm run tune -- --target` by hand. It prints its URL, and its queue high water when stopped.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    latency: { type: 'string', default: '45' },
    capacity: { type: 'string', default: '6' },
    sigma: { type: 'string', default: '0' },
    contention: { type: 'string', default: '0' },
    coherency: { type: 'string', default: '0' },
  },
});
const service = await startCapacityService({
  port: Number(values.port),
  latencyMs: Number(values.latency),
  capacity: Number(values.capacity),
  sigma: Number(values.sigma),
  contention: Number(values.contention),
  coherency: Number(values.coherency),
});
process.stdout.write(`${service.url}\n`);
const stop = (): void =>
  void service.stop().then(() => {
    const { served, maxInService, maxQueued } = service.stats;
    process.stdout.write(`served ${served}, at most ${maxInService} in service and ${maxQueued} queued\n`);
    process.exit(0);
  });
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
