import type { CompletedResult } from './types.ts';

/** The model a result measured, as verdicts compare it: the runner, or runner/limiter when the result names a limiter. */
export function modelName(result: Pick<CompletedResult, 'runner'> & { readonly limiter?: string | undefined }): string {
  return result.limiter === undefined ? result.runner : `${result.runner}/${result.limiter}`;
}
