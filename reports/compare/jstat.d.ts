// jstat ships no types; this declares the one function the comparison uses.
declare module 'jstat' {
  const jStat: {
    readonly studentt: {
      /** P(T <= x) for Student's t distribution with `dof` degrees of freedom. */
      cdf(x: number, dof: number): number;
    };
  };
  export default jStat;
}
