import { startLognormalService } from './lognormal-service.ts';

// `node dist/test/support/lognormal-service-main.js [capacity] [rate]`: the test service on its own, for manual checks.
const [capacity, rate] = process.argv.slice(2).map(Number);
const service = await startLognormalService({
  meanMs: 20,
  sigma: 0.5,
  seed: 7,
  bodyBytes: 512,
  ...(capacity ? { capacity } : {}),
  ...(rate ? { ratePerSecond: rate, burst: 5 } : {}),
});
process.stdout.write(`${service.url}\n`);
const stop = (): void => void service.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
