import type { PayloadKind } from './profile.ts';
import { seededRandom } from './random.ts';

export const CONTENT_TYPES: Readonly<Record<PayloadKind, string>> = {
  json: 'application/json',
  html: 'text/html; charset=utf-8',
  binary: 'application/octet-stream',
};

const CACHE_LIMIT_BYTES = 4 * 1024 * 1024;
const CACHE_LIMIT_ENTRIES = 256;
/** Bodies of an exact byte size, built once per kind and size and reused (large ones are built per request). */
const caches: Readonly<Record<PayloadKind, Map<number, Buffer>>> = { json: new Map(), html: new Map(), binary: new Map() };

export function payloadBody(kind: PayloadKind, bytes: number): Buffer {
  const cache = caches[kind];
  let body = cache.get(bytes);
  if (body) return body;
  body = BUILDERS[kind](bytes);
  if (bytes <= CACHE_LIMIT_BYTES) {
    if (cache.size >= CACHE_LIMIT_ENTRIES) cache.clear();
    cache.set(bytes, body);
  }
  return body;
}

/** Up to this size, text bodies go out as strings (see wireBody); above it a copy costs more than it saves. */
const TEXT_LIMIT_BYTES = 16 * 1024;
const texts: Readonly<Record<'json' | 'html', Map<number, string>>> = { json: new Map(), html: new Map() };

/**
 * The body as node:http should be handed it. The JSON and HTML bodies are ASCII, so as a latin1 string they
 * have the same bytes, and node:http then sends head and body in one write instead of a writev of two
 * buffers: about 2 us less per answer, which at zero latency is the margin against plain node:http.
 */
export function wireBody(kind: PayloadKind, bytes: number): Buffer | string {
  if (kind === 'binary' || bytes > TEXT_LIMIT_BYTES) return payloadBody(kind, bytes);
  const cache = texts[kind];
  let text = cache.get(bytes);
  if (text === undefined) {
    text = payloadBody(kind, bytes).toString('latin1');
    if (cache.size >= CACHE_LIMIT_ENTRIES) cache.clear();
    cache.set(bytes, text);
  }
  return text;
}

const BUILDERS: Readonly<Record<PayloadKind, (bytes: number) => Buffer>> = { json: buildJson, html: buildHtml, binary: buildBinary };

function buildJson(bytes: number): Buffer {
  const skeleton = '{"data":""}';
  if (bytes < 2) return Buffer.from('0'.repeat(bytes));
  if (bytes < skeleton.length) return Buffer.from('{}'.padEnd(bytes, ' '));
  return Buffer.from(`{"data":"${'x'.repeat(bytes - skeleton.length)}"}`);
}

const HTML_HEAD = '<!doctype html><html><head><meta charset="utf-8"><title>Mock page</title></head><body><h1>Mock page</h1>\n';
const HTML_TAIL = '</body></html>\n';
const WORDS = ['latency', 'request', 'server', 'queue', 'socket', 'worker', 'thread', 'promise', 'pool', 'limit'];

/** A page for scraping scenarios: paragraphs of text, each with a link to another page of this server. */
function buildHtml(bytes: number): Buffer {
  const room = bytes - HTML_HEAD.length - HTML_TAIL.length;
  if (room < 0) return Buffer.from((HTML_HEAD + HTML_TAIL).slice(0, bytes));
  const parts: string[] = [];
  let used = 0;
  for (let index = 0; ; index += 1) {
    const text = Array.from({ length: 8 }, (_, word) => WORDS[(index * 3 + word) % WORDS.length]).join(' ');
    const paragraph = `<p>${text} <a href="/page/${index + 1}">page ${index + 1}</a></p>\n`;
    if (used + paragraph.length > room) break;
    parts.push(paragraph);
    used += paragraph.length;
  }
  const padding = room - used;
  // Pad with a comment when there is room for one, so the page stays well-formed.
  const filler = padding >= 8 ? `<!--${'.'.repeat(padding - 8)}-->\n` : ' '.repeat(padding);
  return Buffer.from(HTML_HEAD + parts.join('') + filler + HTML_TAIL);
}

function buildBinary(bytes: number): Buffer {
  const random = seededRandom(bytes);
  const body = Buffer.allocUnsafe(bytes);
  for (let offset = 0; offset < bytes; offset += 1) body[offset] = Math.floor(random() * 256);
  return body;
}
