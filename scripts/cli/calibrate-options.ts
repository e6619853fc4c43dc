import path from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import type { TargetRun } from '../../harness/target/types.ts';
import { numeric, parseOrThrow } from '../../common/validation.ts';
import { UsageError } from '../../common/usage-error.ts';
import { addTargetOptions, targetFromFlags } from './target-flags.ts';

export interface CalibrateCliOptions {
  readonly target: TargetRun;
  readonly samples: number;
  readonly levelMs: number;
  readonly out: string;
  readonly id: string;
}

const flagsSchema = z
  .object({
    samples: z.int().min(10).max(100_000).default(200),
    levelMs: z.int().min(100).max(600_000).default(1500),
    out: z.string().endsWith('.json'),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .optional(),
  })
  .strict();

export function calibrateCommand(): Command {
  return addTargetOptions(
    new Command('calibrate')
      .description(
        'Sample your service (sequentially, then at 1, 2, 4, ... 32 in flight) and write a scenario whose mock server behaves like it.',
      )
      .option('--samples <n>', 'sequential requests for the latency fit (default 200)')
      .option('--level-ms <ms>', 'how long each in-flight level runs (default 1500)')
      .option('--out <file.json>', 'scenario file to write, e.g. my-api.json')
      .option('--id <id>', "the scenario's id (default: from the file name)"),
    { maxErrorRate: false },
  )
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
}

/** The file name as a scenario id: lower case, letters, digits and dashes. */
function idFromFile(file: string): string {
  const base = path
    .basename(file, '.json')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z0-9]/.test(base) ? base : `twin-${base || 'service'}`;
}

export async function parseCalibrateArgs(argv: readonly string[]): Promise<CalibrateCliOptions> {
  const command = calibrateCommand();
  command.parse([...argv], { from: 'user' });
  const raw = command.opts<Record<string, unknown>>();
  const target = await targetFromFlags(raw);
  if (target === undefined) throw new UsageError('Expected `--target` to be a URL of the service to calibrate, got nothing');
  const text = (name: string): string | undefined => (typeof raw[name] === 'string' ? (raw[name] as string) : undefined);
  const flags = parseOrThrow(
    flagsSchema,
    { samples: numeric(text('samples')), levelMs: numeric(text('levelMs')), out: text('out'), id: text('id') },
    { prefix: '--', names: { levelMs: 'level-ms' } },
  );
  return { target, samples: flags.samples, levelMs: flags.levelMs, out: path.resolve(flags.out), id: flags.id ?? idFromFile(flags.out) };
}
