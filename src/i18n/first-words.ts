import type { ShippedLanguage } from './languages.js';

/**
 * The words shown before the elements' own code is there, in every shipped language: "the service
 * cannot be reached" and its Retry, which the script tag's loader shows when that code cannot be loaded
 * (offline, a CDN half deployed), and the connect button's label, shown before its dialog's code (and
 * the language's catalogue) is loaded. They cannot wait in the catalogues that load with that code:
 * the catalogues take them from here.
 */
export const FIRST_WORDS = {
  en: {
    network: 'The connection service cannot be reached. Check your internet connection and try again.',
    retry: 'Retry',
    addConnection: 'Add connection',
  },
  nl: {
    network: 'De verbindingsdienst is niet bereikbaar. Controleer je internetverbinding en probeer het opnieuw.',
    retry: 'Opnieuw proberen',
    addConnection: 'Verbinding toevoegen',
  },
  fr: {
    network: 'Le service de connexion est injoignable. Vérifiez votre connexion Internet et réessayez.',
    retry: 'Réessayer',
    addConnection: 'Ajouter une connexion',
  },
  de: {
    network:
      'Der Verbindungsdienst ist nicht erreichbar. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
    retry: 'Erneut versuchen',
    addConnection: 'Verbindung hinzufügen',
  },
} as const satisfies Record<ShippedLanguage, { network: string; retry: string; addConnection: string }>;

/** A word of `FIRST_WORDS`. */
export type FirstWord = keyof (typeof FIRST_WORDS)['en'];
