import { UsageError } from '../../common/usage-error.ts';
import { findPythonInterpreter, type PythonInterpreter } from '../../runners/python/interpreter.ts';
import { runnerDescriptor } from '../../runners/registry.ts';
import type { ScenarioPlan } from '../../scenarios/resolve.ts';

export interface RunnableSet {
  readonly plans: readonly ScenarioPlan[];
  /** One line per runner left out of a scenario's own list, and why. */
  readonly notes: readonly string[];
  readonly python: PythonInterpreter | undefined;
}

interface Context {
  /** The user named the runners (--runners): one that cannot run is then an error, not a note. */
  readonly explicit: boolean;
  readonly openLoop: boolean;
  readonly target: boolean;
}

/** Why a runner cannot run in this run, or undefined when it can. */
function obstacle(id: string, context: Context, python: { found: boolean; reason: string; uvloop: boolean }): string | undefined {
  const descriptor = runnerDescriptor(id);
  if (context.openLoop && !descriptor.supports.openLoop) return `${id} runs closed-loop batches only (no --arrival-rate)`;
  if (context.target && !descriptor.supports.target) return `${id} runs against the mock server only (no --target)`;
  if (descriptor.language !== 'python') return undefined;
  if (!python.found) return `${id} needs a Python interpreter: ${python.reason}`;
  if (descriptor.host.kind === 'python' && descriptor.host.uvloop === true && !python.uvloop)
    return `${id} needs uvloop: apt-get install python3-uvloop`;
  return undefined;
}

/**
 * The plans with only the runners that can run here: a Python interpreter that imports what the Python runners need
 * (found once, or the one --python names), and the features the run asks for. A runner the user named that cannot
 * run is one line and exit 2; one a scenario lists by default is left out with one line saying why.
 */
export async function runnableSet(plans: readonly ScenarioPlan[], context: Context, pythonPath: string | undefined): Promise<RunnableSet> {
  const wanted = new Set(plans.flatMap((plan) => plan.runners));
  const needsPython = [...wanted].some((id) => runnerDescriptor(id).language === 'python');
  const search = needsPython || pythonPath !== undefined ? await findPythonInterpreter(pythonPath) : undefined;
  const python = search?.found
    ? { found: true, reason: '', uvloop: search.interpreter.uvloop }
    : { found: false, reason: search?.found === false ? search.reason : 'none searched', uvloop: false };
  if (pythonPath !== undefined && search?.found === false)
    throw new UsageError(`Expected \`--python\` to import requests and aiohttp, got \`${pythonPath}\`: ${search.reason}`);
  const notes = new Set<string>();
  const runnable = plans.map((plan) => {
    const runners = plan.runners.filter((id) => {
      const why = obstacle(id, context, python);
      if (why === undefined) return true;
      if (context.explicit) throw new UsageError(`Expected \`--runners\` that can run here, got \`${id}\`: ${why}`);
      notes.add(`${why}: left out`);
      return false;
    });
    return { ...plan, runners };
  });
  return { plans: runnable, notes: [...notes], python: search?.found ? search.interpreter : undefined };
}
