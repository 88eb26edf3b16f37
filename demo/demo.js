// The demo page's own script: configures the widget once for the page, shows every event it fires,
// and (on the local fake) offers the fake's fault switches.
const meta = (name) => document.querySelector(`meta[name="${name}"]`).content;
const baseUrl = meta('peliqan-base-url');
// The catalogue as the Peliqan docs read it: with the partner token, through the partner's back end.
window.PeliqanEmbed.configure({ baseUrl, tokenUrl: '/peliqan/token', catalogueUrl: '/peliqan/catalogue' });

// Badges elsewhere in the product, for the connections the demo seeded.
for (const { id, label } of JSON.parse(meta('demo-badges') || '[]')) {
  const item = document.createElement('li');
  const name = document.createElement('span');
  name.textContent = label;
  const badge = document.createElement('peliqan-connection-status');
  badge.setAttribute('connection-id', String(id));
  item.append(name, badge);
  document.getElementById('badges').append(item);
}

const list = document.getElementById('events');
const names = [
  'peliqan-select',
  'peliqan-connection-created',
  'peliqan-status',
  'peliqan-connected',
  'peliqan-done',
  'peliqan-popup-blocked',
  'peliqan-cancel',
  'peliqan-error',
];

/** What is worth showing of a detail: ids, states and messages, never whole objects. */
function summary(detail) {
  const out = {};
  for (const [key, value] of Object.entries(detail ?? {})) {
    if (value === undefined) continue;
    if (key === 'servertype') out.servertype = value.name;
    else if (key === 'connection') {
      out.connection = { id: value.id, name: value.name, health_status: value.health_status ?? null };
    } else out[key] = value;
  }
  return JSON.stringify(out, null, 1);
}

for (const name of names) {
  document.addEventListener(name, (event) => {
    const item = document.createElement('li');
    item.className = name.replace('peliqan-', '');
    const title = document.createElement('strong');
    title.textContent = name;
    const time = document.createElement('time');
    time.textContent = new Date().toLocaleTimeString();
    const detail = document.createElement('pre');
    detail.textContent = summary(event.detail);
    item.append(title, time, detail);
    list.prepend(item);
  });
}

document.getElementById('clear-log').addEventListener('click', () => list.replaceChildren());

// A connection made in the dialog: the list on the page shows it, as a partner's page would do.
document.getElementById('connect-button').addEventListener('peliqan-connected', () => {
  document.getElementById('connections').refresh();
});

// Theme and language apply page-wide through configure(); the partner's own page follows along.
const theme = document.getElementById('theme');
theme.addEventListener('change', () => {
  const root = document.documentElement;
  root.dataset.demoTheme = theme.value;
  window.PeliqanEmbed.configure({ theme: theme.value === 'brand' ? 'light' : theme.value });
});
const language = document.getElementById('language');
language.addEventListener('change', () => {
  document.documentElement.lang = language.value;
  window.PeliqanEmbed.configure({ language: language.value });
});

// The fake's fault switches (product spec §9), when the demo runs on it.
const controls = meta('peliqan-fake-controls');
if (controls) {
  document.getElementById('fake-controls').hidden = false;
  const checked = (name) => document.querySelector(`[data-fault="${name}"]`).checked;
  /** Every switch at once: the fake replaces each fault it is given whole. */
  const faults = () => ({
    coop: checked('coop'),
    connectionTest: checked('connectionTest') ? 'fail' : 'pass',
    delay: checked('slowCreate') ? { 'POST /api/servers': 3000 } : {},
    drop: {
      ...(checked('dropCreate') && { 'POST /api/servers': 1 }),
      ...(checked('outage') && { 'GET /api/server/:id': 100000, 'GET /api/servers': 100000 }),
    },
  });
  const send = (path, body) =>
    fetch(`${controls}/__fake/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
  for (const input of document.querySelectorAll('[data-fault]')) {
    input.addEventListener('change', () => void send('faults', faults()));
  }
  document.getElementById('expire-tokens').addEventListener('click', () => void send('expire-tokens'));
  document.getElementById('reset-demo').addEventListener('click', async () => {
    await fetch('/demo/reset', { method: 'POST' });
    location.reload();
  });
}
