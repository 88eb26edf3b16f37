/**
 * `peliqan-embed/fake`: the local fake of the Peliqan API, for the demo and for partners' own tests.
 * Node only.
 */
export { startFakePeliqan } from './server.js';
export type {
  FakePeliqan,
  FakePeliqanOptions,
  FakeFaults,
  InjectedResponse,
  FakeAccount,
  FakeConnection,
  FakeDatabase,
  FakeTable,
  FakeGroup,
  FakeScript,
  FakeRequest,
  SeedConnection,
} from './server.js';
export { defaultCatalogue, syntheticCatalogue } from './catalogue.js';
export type { FakeServertype, FakeConnectForm, FakeField } from './catalogue.js';
