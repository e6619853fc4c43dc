import { Command } from 'commander';
import { z } from 'zod';
import { describeProfile } from '../mock-server/describe-profile.ts';
import { PROFILE_FLAG_NAMES, PROFILE_FLAGS } from '../mock-server/profile-flags.ts';
import { resolveServerProfile, serverProfileSchema } from '../mock-server/profile.ts';
import { serveMock } from '../mock-server/serve.ts';
import { runMain } from './cli/run-main.ts';
import { parseCommand } from './cli/parse-command.ts';
import { UsageError } from '../common/usage-error.ts';
import { numeric, parseOrThrow } from '../common/validation.ts';

const LOOPBACK = ['127.0.0.1', '::1', 'localhost'];

const listenSchema = z.object({ port: z.int().min(0).max(65_535), host: z.string().min(1) });

const EXAMPLES = `
Per-request overrides in the query string: latency (ms), size (bytes), status, fault (error|reset|stall|none),
payload (json|html|binary), e.g. curl -i '127.0.0.1:8080/?latency=5&size=2048&status=503'.
Every answer carries Server-Timing: queue;dur=<ms waiting for a slot>, serve;dur=<ms from slot to answer>.
GET /__stats returns the counters (summed over workers); POST /__reset clears them and restarts the phases.
A request with header x-cb-request: <stream>.<iteration>.<index>.<attempt> gets its latency and fault from
(seed, that identity) rather than from arrival order. GET /__requests lists answered requests (--record-requests).

Example: npm run mock-server -- --latency-distribution lognormal --latency 40 --capacity 32 --rate-limit 500 --error-rate 0.01`;

await runMain(async () => {
  const command = new Command('mock-server')
    .description('Serve the mock API on 127.0.0.1 until stopped (Ctrl-C).')
    .option('--port <n>', 'port to listen on (0 = any free port)', '8080')
    .option('--host <address>', 'address to bind; anything but loopback needs --allow-remote', '127.0.0.1')
    .option('--allow-remote', 'allow binding a non-loopback address');
  for (const { flag, value, description, kind } of PROFILE_FLAGS) {
    command.option(kind === 'boolean' ? `--${flag}` : `--${flag} <${value}>`, description);
  }
  command
    .addHelpText('after', EXAMPLES)
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
  parseCommand(command, process.argv.slice(2));
  const raw = command.opts<Record<string, string | boolean | undefined>>();
  const text = (name: string): string | undefined => {
    const value = raw[name];
    return typeof value === 'string' ? value : undefined;
  };
  const listen = parseOrThrow(listenSchema, { port: numeric(text('port')), host: text('host') }, { prefix: '--' });
  if (!LOOPBACK.includes(listen.host) && raw.allowRemote !== true) {
    throw new UsageError(
      `Expected \`--host\` to be a loopback address (127.0.0.1, ::1, localhost) unless --allow-remote is given, got \`${listen.host}\``,
    );
  }
  // The same schema validates a scenario's `server:` object: one set of options, two ways to give them.
  const input = Object.fromEntries(
    PROFILE_FLAGS.map(({ field, flag, kind }) => {
      const name = camelCase(flag);
      if (kind === 'boolean') return [field, raw[name] === true ? true : undefined];
      return [field, kind === 'json' ? json(flag, text(name)) : numeric(text(name))];
    }),
  );
  const profile = parseOrThrow(serverProfileSchema, input, { prefix: '--', names: PROFILE_FLAG_NAMES });
  const server = await serveMock(profile, listen);
  process.stdout.write(`mock server listening on ${server.url} (${describeProfile(resolveServerProfile(profile))}); Ctrl-C to stop\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.stdout.write('stopping mock server\n');
      void server.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
});

function json(flag: string, value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new UsageError(`Expected \`--${flag}\` to be JSON, got \`${value}\``);
  }
}

/** How commander names an option's value: `--latency-max` is `latencyMax`. */
function camelCase(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
