/** The languages the widget ships (product spec §3): English is always there, the others load when used. */
export type ShippedLanguage = 'en' | 'nl' | 'fr' | 'de';

/** The language of a BCP 47 tag, lower case and without its region (`nl-BE` → `nl`). */
export const baseLanguage = (tag: string | null | undefined): string | undefined => tag?.toLowerCase().split('-')[0];
