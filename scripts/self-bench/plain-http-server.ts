import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTENT_TYPES, payloadBody } from '../../mock-server/payload.ts';

// The baseline for the mock server's speed: a bare node:http server in its own process that answers every
// request at once with the same body and headers as the mock server's default answer (minus Server-Timing).
// `string` hands node:http the body as a latin1 string, as the mock server does for small text bodies:
// node:http then writes head and body at once, the fastest plain node:http answer there is.
// A third argument delays every answer by that many ms with setTimeout: the reference for latency fidelity.
const bodyBytes = Number(process.argv[2] ?? 256);
const asString = process.argv[3] === 'string';
const delayMs = Number(process.argv[4] ?? 0);
const body = payloadBody('json', bodyBytes);
const text = body.toString('latin1');
function answer(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': CONTENT_TYPES.json, 'content-length': String(body.length) });
  if (asString) res.end(text, 'latin1');
  else res.end(body);
}
const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, (req, res) => {
  if (delayMs > 0) setTimeout(answer, delayMs, res);
  else answer(res);
  req.resume();
});
server.headersTimeout = 0;
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('SIGINT', () => {});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));
