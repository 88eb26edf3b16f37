export const LOADER: string;
export const LOADER_CEILING: number;
export const LOADER_TARGET: number;
export const CEILING: number;
export const TARGET: number;
export const SCRIPT: string;
declare const checks: { name: string; path: string; gzip?: boolean; brotli?: boolean; limit?: string }[];
export default checks;
