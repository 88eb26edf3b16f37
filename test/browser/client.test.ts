import { expect } from '@open-wc/testing';
import { PeliqanClient, isPeliqanError } from '../../src/api/index.js';
import { startFake, type BrowserFake } from '../support/browser.js';

describe('the API client in Chromium, across origins', () => {
  let fake: BrowserFake;
  before(async () => (fake = await startFake()));
  after(() => fake.stop());
  beforeEach(() => fake.reset({ testDelay: 50 }));

  const client = () => new PeliqanClient({ baseUrl: fake.url, tokenUrl: fake.tokenUrl(), retryDelay: 5 });

  it('passes the CORS preflight and sends the JWT header', async () => {
    const servertypes = await client().servertypes();
    expect(servertypes.length).to.be.greaterThan(29);
    const requests = await fake.apiRequests();
    expect(requests.map((request) => [request.route, request.auth, request.origin])).to.deep.equal([
      ['GET /api/servertypes', 'customer', location.origin],
    ]);
  });

  it('reads Retry-After across origins', async () => {
    await fake.faults({ status: { 'GET /api/servers': [{ status: 503, retryAfter: 1 }] } });
    await client().listConnections();
    const [first, second] = (await fake.requests()).filter((request) => request.route === 'GET /api/servers');
    expect(second!.at - first!.at).to.be.at.least(950);
  });

  it('creates a connection, refreshes an expired token once, and reads the new status', async () => {
    const api = client();
    await api.listConnections();
    await fake.expireTokens();
    const created = await api.addConnection({ servertype_id: 403, password: 'rk_live_browser' });
    await new Promise((resolve) => setTimeout(resolve, 120));
    const connection = await api.connection(created.id);
    expect(connection.health_status).to.equal('OK');
    const posts = (await fake.requests()).filter((request) => request.route === 'POST /api/servers');
    expect(posts.map((request) => request.auth)).to.deep.equal(['expired', 'customer']);
  });

  it('reports dropped connections as "network" after its tries', async () => {
    // Chromium itself retries a GET whose reused connection was reset, so drop more than 3.
    await fake.faults({ drop: { 'GET /api/servers': 50 } });
    const error = await client()
      .listConnections()
      .catch((caught: unknown) => caught);
    expect(isPeliqanError(error) && error.code).to.equal('network');
  });

  it('is refused by the browser when the origin is not allowed', async () => {
    const strict = await startFake({ allowedOrigins: ['https://partner.example'] });
    try {
      const error = await new PeliqanClient({ baseUrl: strict.url, tokenUrl: strict.tokenUrl(), retryDelay: 5 })
        .listConnections()
        .catch((caught: unknown) => caught);
      expect(isPeliqanError(error) && error.code).to.equal('network');
    } finally {
      await strict.stop();
    }
  });

  it('works where AbortSignal.any is missing (Safari before 17.4, Firefox before 124)', async () => {
    const any = AbortSignal.any;
    // @ts-expect-error: removing a newer API, as an older browser lacks it.
    delete AbortSignal.any;
    try {
      expect(typeof AbortSignal.any).to.equal('undefined');
      const api = client();
      const controller = new AbortController();
      expect((await api.servertypes({ signal: controller.signal })).length).to.be.greaterThan(0);
      await fake.faults({ delay: { 'GET /api/servers': 2000 } });
      const pending = api.listConnections({ signal: controller.signal });
      controller.abort();
      const error = await pending.catch((caught: unknown) => caught);
      expect((error as Error).name).to.equal('AbortError');
    } finally {
      AbortSignal.any = any;
    }
  });

  it('styles without light-dark(), which Safari before 17.5 lacks', async () => {
    const { styles } = await import('../../src/components/styles.js');
    const text = styles.map((sheet) => sheet.cssText).join('');
    expect(text).to.contain('--_accent').and.not.contain('light-dark(');
  });
});
