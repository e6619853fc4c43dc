import { Command } from 'commander';
import { z } from 'zod';
import { startHttpServer } from '../mock-server/http-server.ts';
import { serverProfileSchema } from '../mock-server/profile.ts';
import { runMain } from './cli/run-main.ts';
import { UsageError } from './cli/usage-error.ts';
import { numeric, parseOrThrow } from './cli/validation.ts';

const LOOPBACK = ['127.0.0.1', '::1', 'localhost'];

const listenSchema = z.object({ port: z.int().min(0).max(65_535), host: z.string().min(1) });

await runMain(async () => {
  const command = new Command('mock-server')
    .description('Serve the mock API on 127.0.0.1 until stopped (Ctrl-C).')
    .option('--port <n>', 'port to listen on (0 = any free port)', '8080')
    .option('--host <address>', 'address to bind; anything but loopback needs --allow-remote', '127.0.0.1')
    .option('--allow-remote', 'allow binding a non-loopback address')
    .option('--latency <ms>', 'fixed latency before each answer, in ms', '16')
    .option('--jitter <ms>', 'extra uniform random latency in [0, jitter) ms', '0')
    .option('--body-bytes <n>', 'size of the JSON body in bytes', '256')
    .option('--seed <n>', 'seed for the jitter sequence', '1')
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
  command.parse(process.argv.slice(2), { from: 'user' });
  const raw = command.opts<Record<string, string | boolean | undefined>>();
  const text = (name: string): string | undefined => (typeof raw[name] === 'string' ? (raw[name] as string) : undefined);
  const listen = parseOrThrow(listenSchema, { port: numeric(text('port')), host: text('host') }, { prefix: '--' });
  if (!LOOPBACK.includes(listen.host) && raw.allowRemote !== true) {
    throw new UsageError(
      `Expected \`--host\` to be a loopback address (127.0.0.1, ::1, localhost) unless --allow-remote is given, got \`${listen.host}\``,
    );
  }
  const profile = parseOrThrow(
    serverProfileSchema,
    { latencyMs: numeric(text('latency')), jitterMs: numeric(text('jitter')), bodyBytes: numeric(text('bodyBytes')), seed: numeric(text('seed')) },
    { prefix: '--', names: { latencyMs: 'latency', jitterMs: 'jitter', bodyBytes: 'body-bytes' } },
  );
  const server = await startHttpServer(profile, listen);
  process.stdout.write(`mock server listening on ${server.url} (latency ${profile.latencyMs} ms + jitter ${profile.jitterMs} ms, ${profile.bodyBytes} B JSON); Ctrl-C to stop\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.stdout.write('stopping mock server\n');
      void server.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
});
