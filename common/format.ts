export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function formatRate(perSecond: number): string {
  return `${Math.round(perSecond).toLocaleString('en-US')} req/s`;
}

export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(0)}%`;
}

/** A share that may be small, with the digits it needs: `0.25%`, `2.5%`, `25%`. */
export function formatShare(ratio: number): string {
  const percent = ratio * 100;
  if (percent === 0 || percent >= 10) return `${percent.toFixed(0)}%`;
  return `${percent.toFixed(percent >= 1 ? 1 : 2)}%`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function formatTimes(factor: number): string {
  return `${factor >= 10 ? factor.toFixed(0) : factor.toFixed(1)}x`;
}
