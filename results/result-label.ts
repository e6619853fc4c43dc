import type { CompletedResult } from './types.ts';

/** The label a result is compared under: the runner, or runner/limiter when the result names a limiter. */
export function resultLabel(result: Pick<CompletedResult, 'runner'> & { readonly limiter?: string | undefined }): string {
  return result.limiter === undefined ? result.runner : `${result.runner}/${result.limiter}`;
}
