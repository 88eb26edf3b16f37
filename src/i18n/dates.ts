const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * A timestamp as people of `locale` write it (date and time, to the second); text that is not a
 * date is shown as it came.
 */
export function formatTimestamp(timestamp: string, locale: string): string {
  const time = Date.parse(timestamp);
  if (Number.isNaN(time)) return timestamp;
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
    formats.set(locale, format);
  }
  return format.format(time);
}
