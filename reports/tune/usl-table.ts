import { formatRate } from '../../common/format.ts';
import { formatCoefficient, uslVerdict } from './usl-describe.ts';
import type { TuneFile } from '../../results/tune-types.ts';
import type { TextTable } from './tune-table.ts';

export const USL_RULE =
  "Universal Scalability Law X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1)), fitted by bounded Levenberg-Marquardt to each concurrency sweep (at least 6 distinct levels), ± one standard error. N* = floor(sqrt((1 - sigma) / kappa)) where there is a retrograde region: kappa's 95% interval excludes 0 and a level measured past N* lost throughput. The recommendation never goes above N*.";

/** Each runner's fit, or why it has none (absent in files before version 4: no table). */
export function uslTable(tune: TuneFile): TextTable | undefined {
  if (tune.usl === undefined) return undefined;
  const pm = (value: number, error: number): string => `${formatCoefficient(value)} ± ${formatCoefficient(error)}`;
  return {
    headers: ['Runner', 'sigma', 'kappa', 'lambda (req/s)', 'R²', 'N*', 'Peak throughput', 'Limited by', 'What it says'],
    rows: [
      ...tune.usl.map((fit) => [
        fit.runner,
        pm(fit.sigma, fit.sigmaError),
        pm(fit.kappa, fit.kappaError),
        pm(fit.lambda, fit.lambdaError),
        fit.r2.toFixed(3),
        fit.peakConcurrency === undefined ? 'none' : String(fit.peakConcurrency),
        fit.peakThroughput === undefined ? 'n/a' : formatRate(fit.peakThroughput),
        fit.limitedBy,
        uslVerdict(fit),
      ]),
      ...(tune.uslSkipped ?? []).map((skip) => [skip.runner, '', '', '', '', '', '', '', `no fit: ${skip.reason}`]),
    ],
  };
}
