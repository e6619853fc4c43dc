import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTENT_TYPES, payloadBody } from '../../mock-server/payload.ts';

// The baseline for the mock server's speed: a bare node:http server in its own process that answers every
// request at once with the same body and headers as the mock server's default answer.
const bodyBytes = Number(process.argv[2] ?? 256);
const body = payloadBody('json', bodyBytes);
const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, (req, res) => {
  res.writeHead(200, { 'content-type': CONTENT_TYPES.json, 'content-length': String(body.length) });
  res.end(body);
  req.resume();
});
server.headersTimeout = 0;
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('SIGINT', () => {});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));
