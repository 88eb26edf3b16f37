// The demo page's own script: configures the widget once for the page, and shows every event it fires.
const baseUrl = document.querySelector('meta[name="peliqan-base-url"]').content;
window.PeliqanEmbed.configure({ baseUrl, tokenUrl: '/peliqan/token' });

const list = document.getElementById('events');
const names = [
  'peliqan-select',
  'peliqan-connection-created',
  'peliqan-status',
  'peliqan-connected',
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
    else if (key === 'connection')
      out.connection = { id: value.id, name: value.name, health_status: value.health_status ?? null };
    else out[key] = value;
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

const theme = document.getElementById('theme');
theme.addEventListener('change', () => {
  const root = document.documentElement.classList;
  root.toggle('dark', theme.value === 'dark');
  root.toggle('light', theme.value === 'light' || theme.value === 'brand');
  root.toggle('brand', theme.value === 'brand');
  document.getElementById('connect').setAttribute('theme', theme.value === 'brand' ? 'light' : theme.value);
});
