/**
 * `peliqan-embed/fake`: the local fake of the Peliqan API, for the demo and for partners' own tests.
 * Node only.
 */
export { startFakePeliqan } from './server.js';
export type { FakePeliqan, FakePeliqanOptions } from './server.js';
export type {
  FakeFaults,
  InjectedResponse,
  FakeAccount,
  FakeConnection,
  FakeDatabase,
  FakeTable,
  FakeGroup,
  FakeScript,
  FakeRequest,
  FakeAuth,
  SeedConnection,
} from './types.js';
export { defaultCatalogue, syntheticCatalogue } from './catalogue.js';
export type { FakeServertype, FakeConnectForm, FakeField } from './catalogue.js';
