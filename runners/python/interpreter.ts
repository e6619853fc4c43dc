import { execFile } from 'node:child_process';
import { z } from 'zod';

/** A Python interpreter that can run the Python runners: it imports requests and aiohttp. */
export interface PythonInterpreter {
  /** The interpreter's own executable (its sys.executable): a PATH lookup or a pyenv shim resolved once. */
  readonly path: string;
  /** e.g. `3.11.2`. */
  readonly version: string;
  /** Whether uvloop imports too (python-asyncio-uvloop needs it). */
  readonly uvloop: boolean;
}

export type InterpreterSearch =
  | { readonly found: true; readonly interpreter: PythonInterpreter }
  /** `reason`: one line naming what was tried, what each lacked, and how to install what is missing. */
  | { readonly found: false; readonly reason: string };

/** Tried in this order when no interpreter is given: the one a user's shell would run, then Debian's own. */
const DEFAULT_PYTHON_CANDIDATES: readonly string[] = ['python3', '/usr/bin/python3'];

const INSTALL_HINT =
  'install them with `apt-get install python3-requests python3-aiohttp python3-uvloop` or `bash scripts/setup-system.sh`, or name an interpreter that has them with --python PATH';
const MINIMUM_VERSION = [3, 9] as const;
const PROBE_TIMEOUT_MS = 20_000;

// Prints one JSON line: what the Python runners need of this interpreter.
const PROBE = `
import json, sys
missing = []
for name in ("requests", "aiohttp"):
    try:
        __import__(name)
    except Exception:
        missing.append(name)
try:
    import uvloop
    uvloop_ok = True
except Exception:
    uvloop_ok = False
print(json.dumps({"executable": sys.executable, "version": list(sys.version_info[:3]), "missing": missing, "uvloop": uvloop_ok}))
`;

const probeAnswerSchema = z.object({
  executable: z.string(),
  version: z.array(z.int()),
  missing: z.array(z.string()),
  uvloop: z.boolean(),
});

type ProbeAnswer = z.output<typeof probeAnswerSchema>;

type Probed = { readonly ok: true; readonly interpreter: PythonInterpreter } | { readonly ok: false; readonly why: string };

function readProbe(stdout: string): ProbeAnswer | undefined {
  try {
    const parsed = probeAnswerSchema.safeParse(JSON.parse(stdout.trim().split('\n').pop() ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function tooOld(version: readonly number[]): boolean {
  const [major = 0, minor = 0] = version;
  return major < MINIMUM_VERSION[0] || (major === MINIMUM_VERSION[0] && minor < MINIMUM_VERSION[1]);
}

function probe(candidate: string): Promise<Probed> {
  return new Promise((resolve) => {
    execFile(candidate, ['-c', PROBE], { timeout: PROBE_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout) => {
      const answer = readProbe(stdout);
      if (answer === undefined) {
        const code = error?.code;
        resolve({ ok: false, why: code === 'ENOENT' ? 'not found' : code === 'EACCES' ? 'not executable' : 'did not run as Python' });
        return;
      }
      const version = answer.version.join('.');
      if (tooOld(answer.version)) resolve({ ok: false, why: `Python ${version}, older than ${MINIMUM_VERSION.join('.')}` });
      else if (answer.missing.length > 0) resolve({ ok: false, why: `no ${answer.missing.join(' or ')}` });
      else resolve({ ok: true, interpreter: { path: answer.executable || candidate, version, uvloop: answer.uvloop } });
    });
  });
}

async function search(explicit: string | undefined): Promise<InterpreterSearch> {
  const candidates = explicit === undefined ? DEFAULT_PYTHON_CANDIDATES : [explicit];
  const misses: string[] = [];
  for (const candidate of candidates) {
    const probed = await probe(candidate);
    if (probed.ok) return { found: true, interpreter: probed.interpreter };
    misses.push(`\`${candidate}\`: ${probed.why}`);
  }
  const subject =
    explicit === undefined
      ? 'No Python interpreter here imports requests and aiohttp'
      : `--python ${explicit} cannot run the Python runners`;
  return { found: false, reason: `${subject} (${misses.join('; ')}): ${INSTALL_HINT}` };
}

const searches = new Map<string, Promise<InterpreterSearch>>();

/**
 * The first interpreter among [explicit] or [`python3` on PATH, `/usr/bin/python3`] that imports requests and
 * aiohttp, with its version and whether uvloop imports; else one line saying why none does and how to install
 * them. Asked once per process and interpreter.
 */
export function findPythonInterpreter(explicit?: string): Promise<InterpreterSearch> {
  const key = explicit ?? '';
  let found = searches.get(key);
  if (found === undefined) {
    found = search(explicit);
    searches.set(key, found);
  }
  return found;
}
