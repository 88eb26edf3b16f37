/** A connector icon drawn by the fake (no external URLs): a rounded tile with the connector's initials. */
export function iconSvg(name: string, color: string): string {
  const initials = name
    .split(/[\s-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
  const hex = /^#[0-9a-f]{6}$/i.test(color) ? color : '#888888';
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as [number, number, number];
  const ink = r * 0.299 + g * 0.587 + b * 0.114 > 150 ? '#1f2937' : '#ffffff';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="${escapeXml(name)}">
<rect width="64" height="64" rx="14" fill="${hex}"/>
<text x="32" y="41" font-family="system-ui,sans-serif" font-size="24" font-weight="700" text-anchor="middle" fill="${ink}">${escapeXml(initials)}</text>
</svg>`;
}

export const escapeXml = (value: string): string => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
