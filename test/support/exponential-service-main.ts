import { startExponentialService } from './exponential-service.ts';

// `node dist/test/support/exponential-service-main.js [meanMs] [capacity]`: the exponential test service on its
// own process, for manual checks (calibrate it, then bench it with --target beside its twin). Prints its URL.
const [meanMs, capacity] = process.argv.slice(2).map(Number);
const service = await startExponentialService({
  meanMs: meanMs || 45,
  seed: 7,
  bodyBytes: 512,
  ...(capacity ? { capacity } : {}),
});
process.stdout.write(`${service.url}\n`);
const stop = (): void => void service.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
