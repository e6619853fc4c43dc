export interface SaturationInput {
  /** CPU time of the client's processes over wall time. */
  readonly coresUsed: number;
  readonly cores: number;
  readonly mainLoop: number | undefined;
  readonly workersMax: number | undefined;
}

const CPU_NEAR_CORES = 0.9;
const LOOP_NEAR_FULL = 0.95;

/**
 * Says why a result measures the client rather than the model, or undefined when it does not:
 * the client's CPU is near the cores available, or an event loop that issues requests is almost never idle.
 */
export function saturation(input: SaturationInput): string | undefined {
  if (input.coresUsed >= CPU_NEAR_CORES * input.cores) {
    return `client CPU ${input.coresUsed.toFixed(2)} of ${input.cores} cores`;
  }
  if (input.mainLoop !== undefined && input.mainLoop >= LOOP_NEAR_FULL) return `main event loop ${(input.mainLoop * 100).toFixed(0)}% busy`;
  if (input.workersMax !== undefined && input.workersMax >= LOOP_NEAR_FULL) {
    return `a worker event loop ${(input.workersMax * 100).toFixed(0)}% busy`;
  }
  return undefined;
}
