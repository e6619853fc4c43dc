import { formatMs, formatRate } from '../../common/format.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { describeFamily, describeParameters, describeRatio } from './describe-fit.ts';
import type { CapacityEstimate, CapacityStep } from './estimate-capacity.ts';
import type { RateLimitEstimate } from './estimate-rate-limit.ts';
import type { LatencyFit } from './fit-types.ts';
import type { Calibration } from './run-calibrate.ts';

const FAMILY_WIDTH = 'exponential'.length;

/** "2.0x from 4 to 8 in flight (98% of perfect scaling)" */
function describeStep(step: CapacityStep): string {
  return `${step.growth.toFixed(step.growth < 10 ? 2 : 0)}x from ${step.from} to ${step.to} in flight (${Math.round(step.scaling * 100)}% of perfect scaling)`;
}

function describeFit(fit: LatencyFit): string[] {
  return [
    `Latency: ${fit.n} sequential samples, mean ${formatMs(fit.meanMs)}, coefficient of variation ${fit.coefficientOfVariation.toFixed(2)}`,
    ...fit.fits.map(
      (family) =>
        `  ${family === fit.chosen ? '*' : ' '} ${family.family.padEnd(FAMILY_WIDTH)} KS ${family.ksDistance.toFixed(3)} (poor above ${family.criticalDistance.toFixed(3)})  ${describeParameters(family)}`,
    ),
    ...fit.skipped.map((family) => `    ${family.family.padEnd(FAMILY_WIDTH)} skipped: ${family.skipped}`),
    `  chosen: ${describeFamily(fit.chosen)} (${fit.chosen.family === 'fixed' ? 'the spread is under 2% of the mean' : 'the smallest KS distance'})`,
  ];
}

/** What the sweep's throughput says about the capacity, in words; every step is listed so the reader can check it. */
function describeCapacity(capacity: CapacityEstimate): string[] {
  const steps = capacity.steps.map((step) => `    ${describeStep(step)}`);
  switch (capacity.kind) {
    case 'estimated':
      return [
        `Capacity: about ${capacity.capacity.toFixed(1)} requests at once (plateau ${formatRate(capacity.plateauThroughput)} x ${formatMs(capacity.baseLatencyMs)} unqueued; from the latency slope past the knee ${capacity.capacityFromLatencySlope.toFixed(1)})`,
        `  knee at ${capacity.kneeInFlight} in flight: throughput grew ${describeStep(capacity.intoKnee)}, then only ${describeStep(capacity.pastKnee)}`,
        ...steps,
      ];
    case 'at-most':
      return [
        `Capacity: at most ${capacity.atMost} in flight: no step up from ${capacity.atMost} gained half of what perfect scaling would give`,
        ...steps,
      ];
    case 'not-reached': {
      const last = capacity.steps[capacity.steps.length - 1];
      return [
        last === undefined
          ? 'Capacity: not measured (fewer than 2 levels answered)'
          : `Capacity: no knee: throughput still grew ${describeStep(last)}, so the service serves at least ${capacity.atLeast} at once (or has no limit this sweep reached); the twin gets no capacity`,
        ...steps,
      ];
    }
  }
}

function describeRateLimit(rateLimit: RateLimitEstimate): string {
  if (rateLimit.kind === 'estimated')
    return `Rate limit: ${formatRate(rateLimit.perSecond)}; 429s began at ${rateLimit.onset.level} in flight, ${formatRate(rateLimit.onset.achievedRate)}`;
  return `Rate limit: none seen (at least ${formatRate(rateLimit.atLeast)} got through)`;
}

/** The twin in words: what its mock server does and what `npm run bench` measures of it by default. */
function describeTwin(twin: Scenario): string {
  const { server } = twin;
  const quick = twin.profiles.quick;
  const limits = [
    server.capacity === undefined ? 'no capacity limit' : `capacity ${server.capacity}`,
    server.rateLimit === undefined ? 'no rate limit' : `rate limit ${formatRate(server.rateLimit)}`,
    `${server.bodyBytes}-byte bodies`,
    `error rate ${describeRatio(server.errorRate ?? 0)}`,
  ];
  const levels = quick?.concurrency ?? twin.concurrency;
  return `Twin: ${server.latencyDistribution ?? 'fixed'} latency, mean ${formatMs(server.latencyMs)}, ${limits.join(', ')}; the quick profile measures ${levels.join(', ')} in flight, ${quick?.iterations ?? twin.iterations} iterations each`;
}

/** What calibrate prints: every family's KS distance, the chosen fit, the limits found, and a warning where a fit is poor. */
export function describeCalibration(calibration: Calibration, twin: Scenario): string[] {
  const { fit, sequential } = calibration;
  const lines = [
    ...describeFit(fit),
    `Body: ${Math.round(sequential.meanBodyBytes).toLocaleString('en-US')} bytes on average`,
    ...describeCapacity(calibration.capacity),
    describeRateLimit(calibration.rateLimit),
    `Error rate: ${describeRatio(calibration.errorRate)} of sequential requests (429s not counted)`,
  ];
  if (calibration.sweepEnd) lines.push(`Sweep ended: ${calibration.sweepEnd}`);
  if (fit.poorFit) lines.push(`Warning: poor fit: ${fit.poorFit}`);
  if (fit.chosen.family === 'pareto' && fit.chosen.serverNote) lines.push(`Warning: ${fit.chosen.serverNote}`);
  lines.push(describeTwin(twin));
  return lines;
}
