export const browsers: string[];
export function minifyCssTemplates(source: string, fileName: string): string;
