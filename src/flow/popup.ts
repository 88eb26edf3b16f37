/**
 * The OAuth sign-in window, as pure helpers (product spec §4): where it goes and how big it is, and
 * which addresses it may be sent to. Opening and watching it is the OAuth flow's job.
 */
import { isSecureUrl } from '../api/urls.js';

/** The size of the sign-in window. */
export const POPUP_WIDTH = 600;
export const POPUP_HEIGHT = 700;

/** The window's name: a second sign-in on the page reuses the window instead of opening another. */
export const POPUP_NAME = 'peliqan-oauth';

/** Where the opener sits on screen (a `Window` has these). */
export interface ScreenPlace {
  screenX: number;
  screenY: number;
  outerWidth: number;
  outerHeight: number;
}

/** `window.open` features for a window of `width`×`height` centred on the opener, never off screen. */
export function popupFeatures(opener: ScreenPlace, width = POPUP_WIDTH, height = POPUP_HEIGHT): string {
  const left = Math.max(0, Math.round(opener.screenX + (opener.outerWidth - width) / 2));
  const top = Math.max(0, Math.round(opener.screenY + (opener.outerHeight - height) / 2));
  return `popup=yes,width=${width},height=${height},left=${left},top=${top}`;
}

/** An `oauth_url` the widget may open: `https:`, or `http:` on localhost (never `javascript:`, `data:`…). */
export const isAllowedOAuthUrl = (url: string | undefined): url is string => isSecureUrl(url);

/** What the flow needs of a window (a real `Window` in the page, a stand-in in unit tests). */
export interface SignInWindow {
  readonly closed: boolean;
  opener: unknown;
  location: { replace(url: string): void };
  close(): void;
  focus(): void;
}

/**
 * Sends a blank window (opened in the click, before any `await`) to `url`, cutting its link back to
 * the page first so the provider's page cannot navigate the partner's page (reverse tabnabbing).
 */
export function sendWindowTo(popup: SignInWindow, url: string): void {
  popup.opener = null;
  popup.location.replace(url);
}
