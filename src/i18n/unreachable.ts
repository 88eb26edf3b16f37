import type { ShippedLanguage } from './languages.js';

/**
 * The words for "the service cannot be reached" and its Retry, in every shipped language. The
 * script tag's loader shows them when the elements' own code cannot be loaded (offline, a CDN half
 * deployed), so they cannot wait in the catalogues that load with that code: the catalogues take
 * them from here.
 */
export const UNREACHABLE = {
  en: {
    network: 'The connection service cannot be reached. Check your internet connection and try again.',
    retry: 'Retry',
  },
  nl: {
    network: 'De verbindingsdienst is niet bereikbaar. Controleer je internetverbinding en probeer het opnieuw.',
    retry: 'Opnieuw proberen',
  },
  fr: {
    network: 'Le service de connexion est injoignable. Vérifiez votre connexion Internet et réessayez.',
    retry: 'Réessayer',
  },
  de: {
    network:
      'Der Verbindungsdienst ist nicht erreichbar. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
    retry: 'Erneut versuchen',
  },
} as const satisfies Record<ShippedLanguage, { network: string; retry: string }>;
