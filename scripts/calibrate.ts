import { writeFile } from 'node:fs/promises';
import { buildTwin } from '../harness/calibrate/build-twin.ts';
import { describeCalibration } from '../harness/calibrate/describe-calibration.ts';
import { calibrate } from '../harness/calibrate/run-calibrate.ts';
import { parseCalibrateArgs } from './cli/calibrate-options.ts';
import { EXIT_OK, runMain } from './cli/run-main.ts';

await runMain(async () => {
  const options = await parseCalibrateArgs(process.argv.slice(2));
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  const { target } = options;
  log(
    `Calibrating ${target.record.method} ${target.record.url}${target.caps ? ` (capped at ${target.caps.maxRatePerSecond}/s, ${target.caps.maxRequests} requests)` : ''}`,
  );
  try {
    const calibration = await calibrate({
      target,
      samples: options.samples,
      levelMs: options.levelMs,
      climbFactor: 3,
      log,
      signal: stop.signal,
    });
    const twin = buildTwin({
      id: options.id,
      targetLabel: `${target.record.method} ${target.record.url}`,
      fit: calibration.fit,
      meanBodyBytes: calibration.sequential.meanBodyBytes,
      capacity: calibration.capacity,
      rateLimit: calibration.rateLimit,
      errorRate: calibration.errorRate,
      levels: calibration.levels.map((level) => level.inFlight),
    });
    for (const line of describeCalibration(calibration, twin)) log(line);
    await writeFile(options.out, `${JSON.stringify(twin, null, 2)}\n`);
    log(`Wrote ${options.out}: benchmark the twin offline with npm run bench -- --scenario ${options.out}`);
    const levels = (twin.profiles.quick?.concurrency ?? twin.concurrency).join(',');
    log(`  and compare it with your service at the same levels: npm run bench -- --target <the same target flags> --concurrency ${levels}`);
    return EXIT_OK;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
});
