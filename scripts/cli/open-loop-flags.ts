import type { Command } from 'commander';
import { z } from 'zod';
import { numeric, numericList, parseOrThrow } from '../../common/validation.ts';
import { UsageError } from '../../common/usage-error.ts';
import { ARRIVAL_KINDS } from '../../runners/open-loop/arrivals.ts';
import { DEFAULT_OPEN_LOOP_CONCURRENCY, type OpenLoopSettings } from '../../runners/open-loop/settings.ts';
import type { ScenarioPlan } from '../../scenarios/resolve.ts';

/** --arrival-rate and its companions: open-loop levels (wrk2 / k6 style) instead of closed-loop batches. */
export function addOpenLoopOptions(command: Command): Command {
  return command
    .option(
      '--arrival-rate <list>',
      'open loop: offered requests/s, comma-separated levels, e.g. 500,1000 (latency from the intended start)',
    )
    .option('--duration <s>', 'open loop: seconds of arrivals per iteration (default 5)')
    .option(
      '--arrivals <kind>',
      `open loop: arrival pattern, ${ARRIVAL_KINDS.join(' or ')} (default constant; poisson is seeded by --seed)`,
    )
    .option('--max-queue <n>', 'open loop: arrivals that may wait for a free slot; more are dropped (default unbounded)');
}

const schema = z.object({
  arrivalRate: z.array(z.number().gt(0).max(1_000_000)).min(1),
  duration: z.number().gt(0).max(3600).default(5),
  arrivals: z.enum(ARRIVAL_KINDS).default('constant'),
  maxQueue: z.int().min(0).max(100_000_000).optional(),
});

/** The open-loop settings the flags ask for; undefined without --arrival-rate (its companions alone are refused). */
export function openLoopFromFlags(raw: Readonly<Record<string, unknown>>): OpenLoopSettings | undefined {
  const text = (name: string): string | undefined => (typeof raw[name] === 'string' ? (raw[name] as string) : undefined);
  if (text('arrivalRate') === undefined) {
    for (const [key, flag] of [
      ['duration', '--duration'],
      ['arrivals', '--arrivals'],
      ['maxQueue', '--max-queue'],
    ] as const) {
      if (text(key) !== undefined) throw new UsageError(`Expected \`--arrival-rate\` to be given with ${flag}, got nothing`);
    }
    return undefined;
  }
  const flags = parseOrThrow(
    schema,
    {
      arrivalRate: numericList(text('arrivalRate')),
      duration: numeric(text('duration')),
      arrivals: text('arrivals'),
      maxQueue: numeric(text('maxQueue')),
    },
    { prefix: '--', names: { arrivalRate: 'arrival-rate', maxQueue: 'max-queue' } },
  );
  return {
    rates: [...new Set(flags.arrivalRate)].sort((a, b) => a - b),
    durationMs: flags.duration * 1000,
    arrivals: flags.arrivals,
    ...(flags.maxQueue === undefined ? {} : { maxQueue: flags.maxQueue }),
  };
}

/**
 * A plan made open loop: one iteration (one run of the duration) unless --iterations says otherwise, and the model's
 * limit DEFAULT_OPEN_LOOP_CONCURRENCY unless --concurrency gives one; the scenario's own levels are closed-loop sizes.
 */
export function withOpenLoop(
  plan: ScenarioPlan,
  openLoop: OpenLoopSettings,
  given: { readonly iterations?: number | undefined; readonly concurrency?: readonly number[] | undefined },
): ScenarioPlan {
  return {
    ...plan,
    openLoop,
    iterations: given.iterations ?? 1,
    concurrency: given.concurrency === undefined ? [DEFAULT_OPEN_LOOP_CONCURRENCY] : plan.concurrency,
  };
}
