import { isRunnerId, runnerDescriptor } from '../../runners/registry.ts';

const UNKNOWN_RUNNER_COLOUR = '#8c564b';

/** A runner's colour in every chart, from its registry entry. */
export function runnerColour(runner: string): string {
  return isRunnerId(runner) ? runnerDescriptor(runner).colour : UNKNOWN_RUNNER_COLOUR;
}

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
