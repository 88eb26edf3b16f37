/** Figures the bench scripts share. */

/** The `p`-th percentile (0…1) of `values`, by the nearest rank below; `values` is not reordered. */
export const percentile = (values: number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
