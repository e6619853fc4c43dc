/** Splits `total` into `parts` whole shares that differ by at most one: split(10, 3) = [4, 3, 3]. */
export function split(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const extra = total % parts;
  return Array.from({ length: parts }, (_, index) => base + (index < extra ? 1 : 0));
}
