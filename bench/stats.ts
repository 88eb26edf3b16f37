/** Figures the bench scripts share. */

/** The `p`-th percentile (0…1) of `values`, by the nearest rank below; `values` is not reordered. */
export const percentile = (values: number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

/** A figure measured several times: its median, with the smallest and the largest. */
export interface Figure {
  median: number;
  min: number;
  max: number;
}

export const stats = (values: number[]): Figure => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)! };
};

export const round = (value: number): number => Math.round(value * 10) / 10;

/** A row of the bench's table: group, what, value, unit. */
export type Row = [group: string, what: string, value: Figure | number | string, unit: string];
