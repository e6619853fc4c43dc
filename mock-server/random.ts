import type { Random } from '../common/seeded-random.ts';

export { seededRandom, type Random } from '../common/seeded-random.ts';

/** A standard normal draw (Box-Muller); always consumes two uniforms so sequences stay aligned. */
export function standardNormal(random: Random): number {
  const u1 = 1 - random();
  const u2 = random();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
