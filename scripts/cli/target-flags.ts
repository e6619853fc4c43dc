import type { Command } from 'commander';
import { resolveTarget, TARGET_METHODS } from '../../harness/target/resolve-target.ts';
import { REMOTE_CAP_DEFAULTS, type TargetRun } from '../../harness/target/types.ts';
import { parseThreshold, type Threshold } from '../../harness/thresholds/parse-threshold.ts';
import { numeric } from '../../common/validation.ts';

function collect(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}

/** --target and its companions, shared by bench, tune and calibrate. */
export function addTargetOptions(command: Command, options: { readonly maxErrorRate: boolean } = { maxErrorRate: true }): Command {
  const caps = REMOTE_CAP_DEFAULTS;
  command
    .option('--target <url>', 'send the requests to your own service (http or https) instead of starting the mock server')
    .option('--method <method>', `HTTP method for --target: ${TARGET_METHODS.join(', ')} (default GET)`)
    .option('--header <name: value>', "request header for --target, repeatable, e.g. --header 'Authorization: Bearer ...'", collect, [])
    .option('--body-file <file>', 'request body for --target, read as UTF-8 text')
    .option('--allow-remote', 'allow a --target that is not loopback (127.0.0.0/8, ::1, localhost); every run is then capped')
    .option('--max-rate <n>', `requests per second over all runners against a remote target (default ${caps.maxRatePerSecond})`)
    .option('--max-requests <n>', `requests one run may send to a remote target (default ${caps.maxRequests.toLocaleString('en-US')})`);
  if (options.maxErrorRate)
    command.option(
      '--max-error-rate <r>',
      `stop a remote-target run when a level's error rate exceeds this (default ${caps.maxErrorRate})`,
    );
  return command;
}

export function addThresholdOption(command: Command): Command {
  return command.option(
    '--threshold <expr>',
    "pass/fail check per result, repeatable: e.g. 'p99<200ms', 'errors<1%', 'throughput>500/s'",
    collect,
    [],
  );
}

type Raw = Record<string, unknown>;

function text(raw: Raw, name: string): string | undefined {
  const value = raw[name];
  return typeof value === 'string' ? value : undefined;
}

function list(raw: Raw, name: string): string[] {
  const value = raw[name];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The validated target, or undefined without --target. Call before anything that could touch the network. */
export async function targetFromFlags(raw: Raw): Promise<TargetRun | undefined> {
  const target = text(raw, 'target');
  if (target === undefined) return undefined;
  return resolveTarget({
    target,
    method: text(raw, 'method'),
    headers: list(raw, 'header'),
    bodyFile: text(raw, 'bodyFile'),
    allowRemote: raw.allowRemote === true,
    maxRate: numeric(text(raw, 'maxRate')),
    maxRequests: numeric(text(raw, 'maxRequests')),
    maxErrorRate: numeric(text(raw, 'maxErrorRate')),
  });
}

export function thresholdsFromFlags(raw: Raw): Threshold[] {
  return list(raw, 'threshold').map(parseThreshold);
}
