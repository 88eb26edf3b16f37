export function minifyCssTemplates(source: string, fileName: string): string;
export function minifyCssPlugin(): {
  name: string;
  transform(code: string, id: string): { code: string; map: null } | null;
};
