// A Vue app whose template is compiled in the browser (Vue's full build, aliased as `vue` by the test).
import { createApp, defineComponent, ref } from 'vue';
import type { PeliqanSelectDetail } from '../../../src/index.js';

const { baseUrl, tokenUrl } = document.documentElement.dataset as { baseUrl: string; tokenUrl: string };

// The base URL as a property (set in script): this page's token endpoint names no base_url.
const App = defineComponent({
  setup() {
    const chosen = ref('nothing yet');
    const onSelect = (event: CustomEvent<PeliqanSelectDetail>) => {
      chosen.value = `chose ${event.detail.servertype.name}`;
    };
    return { baseUrl, tokenUrl, chosen, onSelect };
  },
  template: `
    <p id="chosen">{{ chosen }}</p>
    <peliqan-connector-picker :baseUrl.prop="baseUrl" :token-url="tokenUrl" connectors="stripe,mysql" @peliqan-select="onSelect">
    </peliqan-connector-picker>`,
});

const app = createApp(App);
app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('peliqan-');
app.mount('#app');
// Defined after the template is compiled: Vue's own guess (a tag already defined is a custom element) does
// not hold yet, so without `isCustomElement` it would look for a component of that name.
await import('../../../src/index.js');
