import type { RunnerDescriptor } from './descriptor.ts';
import { poolLayout } from './pool-layout.ts';
import type { RunnerLayout } from './types.ts';

export type { RunnerDescriptor } from './descriptor.ts';

function nodeHost(file: string, factory: string): RunnerDescriptor['host'] {
  return { kind: 'node', module: new URL(file, import.meta.url).href, factory };
}

/** One loop keeping `inFlight` requests in flight. */
function oneLoop(id: string, inFlight: number): RunnerLayout {
  return { label: `${id} 1x${inFlight}`, inFlight, workers: 1, lanes: inFlight };
}

const NODE_FULL = { limiters: true, openLoop: true, target: true, agentSweep: false } as const;
// The articles' own code: its idiomatic limit (threads, a connector limit), closed-loop batches against the mock server.
const PYTHON = { limiters: false, openLoop: false, target: false, agentSweep: false } as const;

function pythonHost(model: string, needs: { uvloop?: boolean } = {}): RunnerDescriptor['host'] {
  return { kind: 'python', model, ...needs };
}

/** The models compared, in the order reports list them. */
const BUILT_IN: readonly RunnerDescriptor[] = [
  {
    id: 'sequential',
    language: 'node',
    runsOn: 'main-loop',
    model: 'await each request in turn',
    inFlight: 'one',
    analogue: 'a plain loop',
    articleApproach: 'Sequential',
    colour: '#8c8c8c',
    supports: { ...NODE_FULL, limiters: false },
    layout: () => oneLoop('sequential', 1),
    host: nodeHost('./sequential.js', 'createSequentialRunner'),
  },
  {
    id: 'promise-concurrent',
    language: 'node',
    runsOn: 'main-loop',
    model: 'a bounded pool of async tasks on one event loop',
    inFlight: 'level',
    analogue: 'asyncio',
    articleApproach: 'Asyncio',
    colour: '#1f77b4',
    supports: { ...NODE_FULL, agentSweep: true },
    layout: (concurrency) => oneLoop('promise-concurrent', concurrency),
    host: nodeHost('./promise-concurrent.js', 'createPromiseConcurrentRunner'),
  },
  {
    id: 'worker-threads',
    language: 'node',
    runsOn: 'threads',
    model: 'a piscina pool of worker threads, each with its own async lanes',
    inFlight: 'level',
    poolSetting: 'threads',
    workerNouns: ['thread', 'threads'],
    analogue: 'threading',
    articleApproach: 'Threading',
    colour: '#ff7f0e',
    supports: NODE_FULL,
    layout: (concurrency, poolSize) => poolLayout('worker-threads', concurrency, poolSize),
    host: nodeHost('./worker-threads.js', 'createWorkerThreadsRunner'),
  },
  {
    id: 'child-process',
    language: 'node',
    runsOn: 'processes',
    model: 'a pool of forked Node processes speaking typed IPC',
    inFlight: 'level',
    poolSetting: 'processes',
    workerNouns: ['process', 'processes'],
    analogue: 'multiprocessing',
    articleApproach: 'Multiprocessing',
    colour: '#2ca02c',
    supports: NODE_FULL,
    layout: (concurrency, poolSize) => poolLayout('child-process', concurrency, poolSize),
    host: nodeHost('./child-process.js', 'createChildProcessRunner'),
  },
  {
    id: 'python-sequential',
    language: 'python',
    runsOn: 'main-loop',
    model: 'a requests.Session loop, one request at a time',
    inFlight: 'one',
    analogue: 'sequential',
    articleApproach: 'Sequential',
    colour: '#c7c7c7',
    supports: PYTHON,
    layout: () => oneLoop('python-sequential', 1),
    host: pythonHost('python-sequential'),
  },
  {
    id: 'python-threading',
    language: 'python',
    runsOn: 'threads',
    model: 'a ThreadPoolExecutor of one thread per request in flight, a requests.Session per thread',
    inFlight: 'level',
    workerNouns: ['thread', 'threads'],
    analogue: 'worker-threads',
    articleApproach: 'Threading',
    interpreterLock: "CPython's GIL: one thread runs Python code at a time",
    colour: '#ffbb78',
    supports: PYTHON,
    layout: (concurrency) => ({ label: `python-threading ${concurrency}x1`, inFlight: concurrency, workers: concurrency, lanes: 1 }),
    host: pythonHost('python-threading'),
  },
  {
    id: 'python-multiprocessing',
    language: 'python',
    runsOn: 'processes',
    model: 'a multiprocessing.Pool mapping shares of the batch, a requests.Session per process',
    inFlight: 'level',
    poolSetting: 'processes',
    workerNouns: ['process', 'processes'],
    analogue: 'child-process',
    articleApproach: 'Multiprocessing',
    colour: '#98df8a',
    supports: PYTHON,
    layout: (concurrency, poolSize) => poolLayout('python-multiprocessing', concurrency, poolSize),
    host: pythonHost('python-multiprocessing'),
  },
  {
    id: 'python-asyncio',
    language: 'python',
    runsOn: 'main-loop',
    model: 'asyncio with one aiohttp ClientSession, TCPConnector(limit=in flight)',
    inFlight: 'level',
    analogue: 'promise-concurrent',
    articleApproach: 'Asyncio',
    colour: '#aec7e8',
    supports: PYTHON,
    layout: (concurrency) => oneLoop('python-asyncio', concurrency),
    host: pythonHost('python-asyncio'),
  },
  {
    id: 'python-asyncio-uvloop',
    language: 'python',
    runsOn: 'main-loop',
    model: 'python-asyncio on the uvloop event loop',
    inFlight: 'level',
    analogue: 'promise-concurrent',
    colour: '#9467bd',
    supports: PYTHON,
    layout: (concurrency) => oneLoop('python-asyncio-uvloop', concurrency),
    host: pythonHost('python-asyncio-uvloop', { uvloop: true }),
  },
];

const registry = new Map<string, RunnerDescriptor>(BUILT_IN.map((descriptor) => [descriptor.id, descriptor]));

/** The registered runners' ids, in report order. */
export function runnerIds(): string[] {
  return [...registry.keys()];
}

export function isRunnerId(id: string): boolean {
  return registry.has(id);
}

/** The descriptor of a registered runner; ids come validated from the edges, so an unknown one is a bug. */
export function runnerDescriptor(id: string): RunnerDescriptor {
  const descriptor = registry.get(id);
  if (!descriptor) throw new Error(`no runner '${id}' is registered (registered: ${runnerIds().join(', ')})`);
  return descriptor;
}

/** Adds a runner (a plug-in or a test's): from then on it is measured and reported like the built-ins. */
export function registerRunner(descriptor: RunnerDescriptor): void {
  if (registry.has(descriptor.id)) throw new Error(`a runner '${descriptor.id}' is already registered`);
  registry.set(descriptor.id, descriptor);
}

/** What a scenario runs when it names no runners: the Node models (the Python ones are asked for, or listed). */
export function defaultRunnerIds(): string[] {
  return [...registry.values()].filter((descriptor) => descriptor.language === 'node').map((descriptor) => descriptor.id);
}
