import type { Scenario } from '../../scenarios/schema.ts';
import type { FamilyFit } from './fit-types.ts';
import type { Calibration } from './run-calibrate.ts';

function parameters(fit: FamilyFit): string {
  return Object.entries(fit.parameters)
    .map(([name, value]) => `${name} ${value.toPrecision(4)}`)
    .join(', ');
}

/** What calibrate prints: every family's KS distance, the chosen fit, the limits found, and a warning where a fit is poor. */
export function describeCalibration(calibration: Calibration, twin: Scenario): string[] {
  const { fit, sequential, capacity, rateLimit } = calibration;
  const lines = [
    `Latency: ${fit.n} samples, mean ${fit.meanMs.toFixed(2)} ms, coefficient of variation ${fit.coefficientOfVariation.toFixed(3)}`,
    ...fit.fits.map(
      (family) =>
        `  ${family === fit.chosen ? '*' : ' '} ${family.family.padEnd(9)} KS ${family.ksDistance.toFixed(3)}  (${parameters(family)})`,
    ),
    ...fit.skipped.map((family) => `    ${family.family.padEnd(9)} skipped: ${family.skipped}`),
    `  chosen: ${fit.chosen.family}; server profile ${JSON.stringify(fit.chosen.server)} (KS critical value ${fit.criticalDistance.toFixed(3)})`,
    `Body: ${Math.round(sequential.meanBodyBytes)} bytes on average`,
  ];
  if (capacity.kind === 'estimated')
    lines.push(
      `Capacity: ${capacity.capacity.toFixed(2)} requests at once (plateau ${capacity.plateauThroughput.toFixed(1)}/s x ${capacity.baseLatencyMs.toFixed(2)} ms; knee between ${capacity.lastFlatInFlight} and ${capacity.kneeInFlight} in flight; from the latency slope ${capacity.capacityFromLatencySlope.toFixed(2)})`,
    );
  else if (capacity.kind === 'at-most') lines.push(`Capacity: at most ${capacity.atMost} (throughput did not grow past the lowest level)`);
  else lines.push(`Capacity: not reached (at least ${capacity.atLeast} in flight)`);
  if (rateLimit.kind === 'estimated')
    lines.push(
      `Rate limit: ${rateLimit.perSecond.toFixed(1)} requests/s; 429s began at ${rateLimit.onset.level} in flight, ${rateLimit.onset.achievedRate.toFixed(1)} requests/s`,
    );
  else lines.push(`Rate limit: none seen (at least ${rateLimit.atLeast.toFixed(1)} requests/s got through)`);
  lines.push(`Error rate: ${(calibration.errorRate * 100).toFixed(2)}% of sequential requests (429s not counted)`);
  if (calibration.sweepEnd) lines.push(`Sweep ended: ${calibration.sweepEnd}`);
  if (fit.poorFit) lines.push(`Warning: poor fit: ${fit.poorFit}`);
  if (fit.chosen.family === 'pareto' && fit.chosen.serverNote) lines.push(`Warning: ${fit.chosen.serverNote}`);
  lines.push(`Twin: ${JSON.stringify(twin.server)}`);
  return lines;
}
