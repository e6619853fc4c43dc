import { z } from 'zod';

/** CPU work done on each response body, wherever the model runs it (main loop, worker thread or child). */
export const cpuWorkSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('json') }).strict(),
  z.object({ kind: z.literal('html') }).strict(),
  z.object({ kind: z.literal('busy'), ms: z.number().min(0).max(10_000) }).strict(),
]);

export type CpuWork = z.output<typeof cpuWorkSchema>;
