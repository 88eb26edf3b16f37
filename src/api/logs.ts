/** A log entry made readable, whatever shape Peliqan gave it (peliqan-api.md §3: shape unknown). */
export interface LogLine {
  timestamp?: string;
  level?: string;
  text: string;
}

const pick = (entry: Record<string, unknown>, keys: string[]): string | undefined => {
  for (const key of keys) {
    const value = entry[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (typeof value === 'number') return String(value);
  }
  return undefined;
};

/** [assumed] `{timestamp, level, message}` (or close relatives); anything else becomes a text line. */
export function logLine(entry: unknown): LogLine {
  if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
    const record = entry as Record<string, unknown>;
    const text = pick(record, ['message', 'msg', 'text', 'log', 'detail']);
    return {
      timestamp: pick(record, ['timestamp', 'time', 'created_at', 'date']),
      level: pick(record, ['level', 'severity', 'type'])?.toLowerCase(),
      text: text ?? JSON.stringify(entry),
    };
  }
  return { text: typeof entry === 'string' ? entry : (JSON.stringify(entry) ?? '') };
}
