import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { parseCommand } from './parse-command.ts';
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

const OUT_IS = 'the twin scenario file to write, e.g. my-api.json';
const MISSING_TARGET = 'Expected `--target` (the URL of the service to calibrate), got nothing';

const flagsSchema = z
  .object({
    samples: z.int().min(10).max(100_000).default(200),
    levelMs: z.int().min(100).max(600_000).default(1500),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .optional(),
  })
  .strict();

function calibrateCommand(): Command {
  return addTargetOptions(
    new Command('calibrate')
      .usage('--target <url> --out <file.json> [options]')
      .description(
        'Sample your service (sequentially, then at 1, 2, 4, ... 32 in flight) and write a scenario whose mock server behaves like it (its twin).',
      )
      .option('--out <file.json>', 'required: the twin scenario file to write, e.g. my-api.json')
      .option('--samples <n>', 'sequential requests for the latency fit (default 200)')
      .option('--level-ms <ms>', 'how long each in-flight level runs (default 1500)')
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

/** The twin file's folder must exist and be writable before any request is sent: the sweep's result is the file. */
async function writableOut(file: string): Promise<string> {
  const resolved = path.resolve(file);
  try {
    await access(path.dirname(resolved), constants.W_OK);
  } catch {
    throw new UsageError(`Expected \`--out\` to be a file in an existing, writable folder, got \`${file}\``);
  }
  return resolved;
}

export async function parseCalibrateArgs(argv: readonly string[]): Promise<CalibrateCliOptions> {
  const command = calibrateCommand();
  parseCommand(command, argv);
  const raw = command.opts<Record<string, unknown>>();
  const text = (name: string): string | undefined => {
    const value = raw[name];
    return typeof value === 'string' ? value : undefined;
  };
  if (text('target') === undefined) throw new UsageError(MISSING_TARGET);
  const file = text('out');
  if (file === undefined) throw new UsageError(`Expected \`--out\` (${OUT_IS}), got nothing`);
  if (!file.endsWith('.json')) throw new UsageError(`Expected \`--out\` to end in .json (${OUT_IS}), got \`${file}\``);
  const flags = parseOrThrow(
    flagsSchema,
    { samples: numeric(text('samples')), levelMs: numeric(text('levelMs')), id: text('id') },
    { prefix: '--', names: { levelMs: 'level-ms' } },
  );
  const out = await writableOut(file);
  const target = await targetFromFlags(raw);
  if (target === undefined) throw new UsageError(MISSING_TARGET);
  return { target, samples: flags.samples, levelMs: flags.levelMs, out, id: flags.id ?? idFromFile(file) };
}
