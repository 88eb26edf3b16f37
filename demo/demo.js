// The demo page's own script: lists the connectors through the widget's client.
const { sharedClient, safeIconUrl, byOrderThenName } = window.PeliqanEmbed;
const baseUrl = document.querySelector('meta[name="peliqan-base-url"]').content;
const client = sharedClient({ baseUrl, tokenUrl: '/peliqan/token' });
const list = document.getElementById('catalogue');
const status = document.getElementById('catalogue-status');

client
  .servertypes()
  .then((servertypes) => {
    status.textContent = `${servertypes.length} connectors available`;
    for (const servertype of [...servertypes].sort(byOrderThenName)) {
      const item = document.createElement('li');
      const icon = safeIconUrl(servertype.icon_url, baseUrl);
      if (icon) {
        const img = document.createElement('img');
        img.src = icon;
        img.alt = '';
        item.append(img);
      }
      const label = document.createElement('span');
      label.textContent = servertype.name;
      const category = document.createElement('small');
      category.textContent = servertype.category ?? '';
      label.append(category);
      item.append(label);
      list.append(item);
    }
  })
  .catch((error) => {
    status.textContent = `Could not load connectors: ${error.message}`;
  });
