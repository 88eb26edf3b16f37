/**
 * The fake OAuth provider, on its own origin as a real one is: `GET /authorize` shows the consent page
 * (oauth-page.ts), `POST /authorize` records Allow or Deny on the waiting connection.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLarge, answerTooLarge, readText, sendHtml, type HeaderMap } from './http.js';
import { consentPage, donePage, invalidPage } from './oauth-page.js';
import { now, type FakeState } from './state.js';

export async function handleOAuthRequest(
  state: FakeState,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://fake');
  const headers: HeaderMap = {};
  if (state.faults.coop) headers['Cross-Origin-Opener-Policy'] = 'same-origin';
  let params = url.searchParams;
  if (request.method === 'POST') {
    try {
      params = new URLSearchParams(await readText(request, state.settings.maxBodyBytes));
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      answerTooLarge(response, error, headers);
      return;
    }
  }
  const connection = state.connections.find((each) => each.id === Number(params.get('connection')));
  const oauthState = connection?.oauthState;
  if (url.pathname !== '/authorize' || !connection || !oauthState || oauthState !== params.get('state')) {
    sendHtml(response, 404, invalidPage(), headers);
    return;
  }
  const provider = state.findServertype(connection.servertype_id)?.name ?? 'the provider';
  if (request.method !== 'POST') {
    sendHtml(response, 200, consentPage(provider, connection.id, oauthState), headers);
    return;
  }
  const allowed = params.get('decision') === 'allow';
  connection.oauthState = undefined;
  if (allowed) {
    connection.logs.push({ timestamp: now(), level: 'info', message: `Access granted at ${provider}` });
    // Peliqan may test a new connection before it reads OK: it stays pending, with no health, meanwhile.
    const connected = () => {
      connection.health_status = 'OK';
      connection.health_message = null;
    };
    if (state.faults.oauthTestDelay > 0) state.later(state.faults.oauthTestDelay, connected);
    else connected();
  } else {
    connection.health_status = 'ERROR';
    connection.health_message = `Access was denied at ${provider}`;
    connection.logs.push({ timestamp: now(), level: 'error', message: connection.health_message });
  }
  sendHtml(response, 200, donePage(provider, allowed), headers);
}
