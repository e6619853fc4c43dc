import { seedSchema } from '../../mock-server/profile.ts';
import { flag } from './flag-table.ts';

/** `--seed`, the same for every command that measures: the seed of the server's latency and fault sequences. */
export const SEED_FLAG = flag('--seed <n>', 'seed for latency and fault sequences', 'number', seedSchema.optional());
