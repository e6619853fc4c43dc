import { modelName } from '../../results/model-name.ts';
import type { CompletedResult, RunnerFacts } from '../../results/types.ts';
import { factsOf } from '../runner-facts.ts';

export const IDEAL_COLOUR = '#444444';
export const WHISKER_COLOUR = '#222222';

/** Light to dark, one per latency percentile (p50 .. p99.9). */
export const PERCENTILE_COLOURS = ['#c6dbef', '#6baed6', '#2171b5', '#08306b'] as const;

/** One per part of a request's time in the latency-split chart. */
export const SPLIT_COLOURS = {
  slotWait: '#bdbdbd',
  serverQueue: '#fdae6b',
  serverServe: '#e6550d',
  rest: '#3182bd',
  backoff: '#9e9ac8',
  work: '#31a354',
} as const;

/** How far each further shade moves towards white or black: far enough to tell apart, near enough to read as one runner. */
const SHADE_STEP = 0.28;

function channels(hex: string): [number, number, number] | undefined {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return undefined;
  return [Number.parseInt(match[1] ?? '0', 16), Number.parseInt(match[2] ?? '0', 16), Number.parseInt(match[3] ?? '0', 16)];
}

/** The runner's colour for shade 0, then alternately lighter and darker: one hue per runner, one shade per limiter. */
export function shade(hex: string, index: number): string {
  const rgb = channels(hex);
  if (!rgb || index === 0) return hex;
  const amount = Math.min(0.8, SHADE_STEP * Math.ceil(index / 2));
  const towards = index % 2 === 1 ? 255 : 0;
  return `#${rgb
    .map((value) =>
      Math.round(value + (towards - value) * amount)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/**
 * Each row's colour: its runner's (from results.json's facts), shaded per limiter within that runner (lanes, the
 * default, in the runner's own colour), so limiter rows of one runner stay apart and still read as that runner.
 */
export function rowColours(results: readonly CompletedResult[], runners: readonly RunnerFacts[]): (result: CompletedResult) => string {
  const limitersOf = new Map<string, (string | undefined)[]>();
  for (const result of results) {
    const known = limitersOf.get(result.runner) ?? [];
    // Lanes (no limiter) first, in the runner's own colour; Array.sort would put undefined last.
    if (!known.includes(result.limiter))
      limitersOf.set(result.runner, result.limiter === undefined ? [undefined, ...known] : [...known, result.limiter]);
  }
  return (result) => shade(factsOf(runners, result.runner).colour, limitersOf.get(result.runner)?.indexOf(result.limiter) ?? 0);
}

/** The colour of a model's line (runner or runner/limiter), the same as its rows'. */
export function labelColour(label: string, results: readonly CompletedResult[], runners: readonly RunnerFacts[]): string {
  const row = results.find((result) => modelName(result) === label);
  return row ? rowColours(results, runners)(row) : IDEAL_COLOUR;
}
