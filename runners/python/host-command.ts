import path from 'node:path';
import { PROJECT_ROOT } from '../../common/project-root.ts';
import type { PythonInterpreter } from './interpreter.ts';

/** The Python runners' model host (runners/python/host.py): it speaks the runner protocol on stdin/stdout. */
export const PYTHON_HOST_SCRIPT = path.join(PROJECT_ROOT, 'runners', 'python', 'host.py');

/** The bare aiohttp loop bench:self pairs with python-asyncio (runners/python/bare_aiohttp.py). */
export const PYTHON_BARE_AIOHTTP_SCRIPT = path.join(PROJECT_ROOT, 'runners', 'python', 'bare_aiohttp.py');

/** How to start a Python model host: spawn `command` with `args`, stdio piped, then send it `start`. */
export function pythonHostCommand(interpreter: PythonInterpreter): { readonly command: string; readonly args: readonly string[] } {
  return { command: interpreter.path, args: [PYTHON_HOST_SCRIPT] };
}
