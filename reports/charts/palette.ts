import type { RunnerId } from '../../runners/types.ts';

export const RUNNER_COLOURS: Readonly<Record<RunnerId, string>> = {
  sequential: '#8c8c8c',
  'promise-concurrent': '#1f77b4',
  'worker-threads': '#ff7f0e',
  'child-process': '#2ca02c',
};

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
