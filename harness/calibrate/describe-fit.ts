import { formatMs } from '../../common/format.ts';
import type { FamilyFit } from './fit-types.ts';

/** A fit's parameters in words, rounded: ms as formatMs prints them, shapes to 3 significant figures. */
export function describeParameters(fit: FamilyFit): string {
  switch (fit.family) {
    case 'fixed':
      return formatMs(fit.parameters.valueMs);
    case 'normal':
      return `mean ${formatMs(fit.parameters.meanMs)}, sd ${formatMs(fit.parameters.sdMs)}`;
    case 'lognormal':
      return `mean ${formatMs(fit.server.latencyMs)}, sd ${formatMs(fit.server.latencySpreadMs)}; ln: mu ${fit.parameters.mu.toPrecision(3)}, sigma ${fit.parameters.sigma.toPrecision(3)}`;
    case 'exponential':
      return `mean ${formatMs(fit.parameters.meanMs)}`;
    case 'pareto':
      return `scale ${formatMs(fit.parameters.scaleMs)}, shape ${fit.parameters.shape.toPrecision(3)}`;
  }
}

/** "exponential, mean 45.3 ms" */
export function describeFamily(fit: FamilyFit): string {
  return `${fit.family}, ${describeParameters(fit)}`;
}

/** A share as a percentage with 2 significant figures ("0.52%", "12%"), and "0%" for none. */
export function describeRatio(ratio: number): string {
  return ratio === 0 ? '0%' : `${Number((ratio * 100).toPrecision(2))}%`;
}
