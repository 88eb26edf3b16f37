// The Vue app's entry, bundled by test/e2e/vue.test.ts with esbuild.
import { createApp } from 'vue';
import type {} from '../../../src/vue/index.js';
import App from './App.vue';

const { baseUrl, tokenUrl } = document.documentElement.dataset as { baseUrl: string; tokenUrl: string };
// The partner's page gets a token from its own back end (here the fake's test endpoint) and hands it to
// the element as a property.
const response = await fetch(tokenUrl, { method: 'POST' });
const { token } = (await response.json()) as { token: string };
createApp(App, { baseUrl, token }).mount('#app');
// The elements are defined only after Vue has rendered them, as when peliqan-embed comes in a lazily
// loaded chunk: until then Vue sets every binding without `.prop` as an attribute.
await import('../../../src/index.js');
