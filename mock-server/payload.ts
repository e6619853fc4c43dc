/** JSON bodies of an exact byte size, built once per size and reused. */
const cache = new Map<number, Buffer>();

export function jsonBody(bytes: number): Buffer {
  let body = cache.get(bytes);
  if (!body) {
    body = buildJson(bytes);
    cache.set(bytes, body);
  }
  return body;
}

function buildJson(bytes: number): Buffer {
  const skeleton = '{"data":""}';
  if (bytes < skeleton.length) return Buffer.from('{}'.padEnd(bytes, ' '));
  return Buffer.from(`{"data":"${'x'.repeat(bytes - skeleton.length)}"}`);
}
