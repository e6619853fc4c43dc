import { type Command, CommanderError } from 'commander';
import { UsageError } from '../../common/usage-error.ts';

/**
 * `npm run bench --scenario io-bound` (the `--` forgotten): npm keeps `--scenario` for itself, as npm_config_scenario,
 * and passes `io-bound` on as a stray argument. Names the flags npm took and the command line that works.
 */
function forgottenDashes(command: Command, env: NodeJS.ProcessEnv, given: readonly string[]): string | undefined {
  if (env.npm_lifecycle_event === undefined) return undefined;
  const taken = command.options
    .map((option) => option.long)
    .filter((flag): flag is string => flag !== undefined)
    .filter((flag) => env[`npm_config_${flag.slice(2).replaceAll('-', '_')}`] !== undefined);
  if (taken.length === 0) return undefined;
  return `npm took ${taken.map((flag) => `\`${flag}\``).join(', ')} for itself: put \`--\` before the flags, e.g. \`npm run ${env.npm_lifecycle_event} -- ${taken[0]} ${given[0] ?? '...'}\``;
}

/** Parses a command's arguments; a command line npm took flags from gets one line saying how to write it. */
export function parseCommand(command: Command, argv: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  try {
    command.parse([...argv], { from: 'user' });
  } catch (error: unknown) {
    const hint = error instanceof CommanderError ? forgottenDashes(command, env, argv) : undefined;
    if (hint === undefined || !(error instanceof CommanderError)) throw error;
    throw new UsageError(
      `${error.message
        .replace(/^error:\s*/i, '')
        .trim()
        .replace(/\.$/, '')}: ${hint}`,
    );
  }
}
