const SECRET_NAMES = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/** True for headers that carry credentials: Authorization, Cookie, and any name containing `token` or `key`. */
function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_NAMES.has(lower) || lower.includes('token') || lower.includes('key');
}

/** Headers as results.json may record them: secrets replaced by `[redacted]`. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, isSecretHeader(name) ? '[redacted]' : value]));
}

/** A URL as results.json may record it: query values whose names look secret are redacted too. */
export function redactUrl(url: URL): string {
  const copy = new URL(url.href);
  for (const name of [...copy.searchParams.keys()]) if (isSecretHeader(name)) copy.searchParams.set(name, '[redacted]');
  return copy.href;
}
