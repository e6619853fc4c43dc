import { z } from 'zod';

/** What the mock server does for every request; shared by the CLI, scenarios and both adapters. */
export const serverProfileSchema = z
  .object({
    latencyMs: z.number().min(0).max(600_000).default(16),
    jitterMs: z.number().min(0).max(600_000).default(0),
    bodyBytes: z.int().min(2).max(256 * 1024 * 1024).default(256),
    seed: z.int().min(0).max(2 ** 32 - 1).default(1),
  })
  .strict();

export type ServerProfile = z.output<typeof serverProfileSchema>;
export type ServerProfileInput = z.input<typeof serverProfileSchema>;

export const defaultServerProfile: ServerProfile = serverProfileSchema.parse({});

/** Mean latency the profile produces, for ideal bounds. */
export function meanLatencyMs(profile: ServerProfile): number {
  return profile.latencyMs + profile.jitterMs / 2;
}
