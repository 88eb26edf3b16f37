import { escapeXml } from './icons.js';

const page = (title: string, body: string, script = ''): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f3f4f6;color:#111827;display:grid;place-items:center;min-height:100vh}
main{background:#fff;border-radius:12px;box-shadow:0 4px 24px #0002;padding:32px;max-width:420px;margin:16px}
h1{font-size:1.3rem;margin:0 0 8px}.fake{font-size:.8rem;color:#6b7280;text-transform:uppercase;letter-spacing:.08em}
.actions{display:flex;gap:12px;margin-top:24px}button{font:inherit;padding:10px 20px;border-radius:8px;border:1px solid #d1d5db;background:#fff;cursor:pointer}
button[value=allow]{background:#2563eb;border-color:#2563eb;color:#fff}
</style></head><body><main>${body}</main>${script}</body></html>`;

/** The fake provider's consent page: Allow or Deny, posted back to the same origin. */
export function consentPage(provider: string, connectionId: number, state: string): string {
  return page(
    `Sign in to ${provider}`,
    `<p class="fake">Fake OAuth provider (local test double)</p>
<h1>Allow Peliqan to read your ${escapeXml(provider)} data?</h1>
<p>Peliqan asks for read access to your ${escapeXml(provider)} account on behalf of the app you came from.</p>
<form method="post" action="/authorize">
<input type="hidden" name="connection" value="${connectionId}">
<input type="hidden" name="state" value="${escapeXml(state)}">
<div class="actions"><button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button></div>
</form>`,
  );
}

/** Shown after the decision; it closes itself, as real providers' callback pages do. */
export function donePage(provider: string, allowed: boolean): string {
  return page(
    allowed ? 'Connected' : 'Access denied',
    `<h1>${allowed ? `${escapeXml(provider)} is connected` : 'Access denied'}</h1><p>You can close this window.</p>`,
    '<script>setTimeout(function(){window.close()},150)</script>',
  );
}

/** For a link that no longer (or never did) lead anywhere. */
export const invalidPage = (): string =>
  page('Link expired', '<h1>This sign-in link is no longer valid</h1><p>Close this window and start again.</p>');
