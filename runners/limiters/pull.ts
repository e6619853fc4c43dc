import { localSource, type IndexSource } from '../index-source.ts';

export { NO_MORE } from '../index-source.ts';

/** A count stands for the indices 0..count-1 on this thread. */
export function sourceOf(source: IndexSource | number): IndexSource {
  return typeof source === 'number' ? localSource(source) : source;
}

/** The source's next index; awaits only when the source must fetch it (a child's chunk round trip). */
export async function nextIndex(source: IndexSource): Promise<number> {
  const next = source.next();
  return typeof next === 'number' ? next : await next;
}

/** The source as an async iterable, for libraries that pull from one (p-map). */
export async function* indicesOf(source: IndexSource): AsyncGenerator<number, void, undefined> {
  for (;;) {
    const next = source.next();
    const index = typeof next === 'number' ? next : await next;
    if (index < 0) return;
    yield index;
  }
}
