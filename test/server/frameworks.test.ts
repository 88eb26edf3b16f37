/**
 * The token endpoint inside real partner apps: Express with express-session, Express with Passport, and
 * Koa with koa-session, each started on a free port and driven over HTTP with the session cookie a
 * browser would send. `identify()` reads the framework's own session, as the README shows.
 */
import { describe, test, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import Koa from 'koa';
import koaSession from 'koa-session';
import { PeliqanPartner, createTokenHandler, toNodeHandler, type NodeContext } from '../../src/server/index.js';
import { useFake } from '../support/fake.js';

declare module 'express-session' {
  interface SessionData {
    customerId: string;
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    /** The partner's user, as its ORM loads it: the password hash included. */
    interface User {
      id: string;
      email: string;
      password: string;
    }
  }
}

const fake = await useFake();
beforeEach(() => fake.reset());

const servers: Server[] = [];
after(() => servers.forEach((server) => server.close().closeAllConnections()));

const partner = () => new PeliqanPartner({ baseUrl: fake.url, partnerToken: fake.partnerToken });

/** Listens on a free loopback port; resolves with the app's origin. */
async function start(listen: (port: number, host: string, ready: () => void) => Server): Promise<string> {
  const server = await new Promise<Server>((resolve) => {
    const started: Server = listen(0, '127.0.0.1', () => resolve(started));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Logs `customer` in through the app's own route and returns the session cookie it set. */
async function logIn(origin: string, customer: string): Promise<string> {
  const response = await fetch(`${origin}/login?customer=${customer}`, { method: 'POST' });
  assert.equal(response.status, 204);
  const cookies = response.headers.getSetCookie();
  assert.ok(cookies.length > 0, 'the login set no session cookie');
  return cookies.map((cookie) => cookie.split(';')[0]).join('; ');
}

/** The external_id of the sub-account a token belongs to (its `sub` claim is the account's id). */
function customerOf(token: string): string | undefined {
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: number };
  return fake.accounts.find((account) => account.id === claims.sub)?.external_id;
}

/** Asks the app's token endpoint as a page of its own would; the customer the token is for, or the status. */
async function tokenFor(origin: string, cookie?: string): Promise<string | number> {
  const response = await fetch(`${origin}/peliqan/token`, {
    method: 'POST',
    headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin', ...(cookie ? { Cookie: cookie } : {}) },
  });
  if (response.status !== 200) return response.status;
  const { token } = (await response.json()) as { token: string };
  return customerOf(token) ?? 'a token for nobody';
}

describe('identify() in real partner apps', () => {
  test('Express with express-session: node.req.session names the customer', async () => {
    const cookiesSeen: (string | null)[] = [];
    const tokenHandler = createTokenHandler({
      partner: partner(),
      identify: (request, node?: NodeContext<express.Request>) => {
        cookiesSeen.push(request.headers.get('cookie'));
        const id = node?.req.session.customerId;
        return id ? { external_id: id, email: `${id}@customers.example` } : null;
      },
    });
    const app = express();
    app.use(session({ secret: 'test-session-secret', resave: false, saveUninitialized: false }));
    app.post('/login', (req, res) => {
      req.session.customerId = String(req.query.customer);
      res.sendStatus(204);
    });
    app.post('/peliqan/token', toNodeHandler(tokenHandler));
    const origin = await start((port, host, ready) => app.listen(port, host, ready));

    assert.equal(await tokenFor(origin), 401);
    const cookie = await logIn(origin, 'wood_123');
    assert.equal(await tokenFor(origin, cookie), 'wood_123');
    assert.equal(await tokenFor(origin, await logIn(origin, 'oak_7')), 'oak_7');
    assert.deepEqual(
      fake.accounts.map((account) => [account.external_id, account.email]),
      [
        ['wood_123', 'wood_123@customers.example'],
        ['oak_7', 'oak_7@customers.example'],
      ],
    );
    // The Fetch Request carries the same cookie, read with headers.get().
    assert.equal(cookiesSeen[1], cookie);
  });

  test('Express with Passport: node.req.user is the customer, and its password hash stays home', async () => {
    const users = new Map<string, Express.User>(
      ['wood_123', 'oak_7'].map((id) => [
        id,
        { id, email: `${id}@customers.example`, password: 'pbkdf2_sha256$600000$salt$aGFzaA==' },
      ]),
    );
    passport.serializeUser((user, done) => done(null, user.id));
    passport.deserializeUser((id: string, done) => done(null, users.get(id) ?? false));
    const tokenHandler = createTokenHandler({
      partner: partner(),
      // The whole user object, as partners write it: only the profile's fields are used, never `password`.
      identify: (_request, node?: NodeContext<express.Request>) =>
        node?.req.user ? { ...node.req.user, external_id: node.req.user.id } : null,
    });
    const app = express();
    app.use(session({ secret: 'test-session-secret', resave: false, saveUninitialized: false }));
    app.use(passport.session());
    app.post('/login', (req, res, next) => {
      req.login(users.get(String(req.query.customer))!, (error) => (error ? next(error) : res.sendStatus(204)));
    });
    app.post('/peliqan/token', toNodeHandler(tokenHandler));
    const origin = await start((port, host, ready) => app.listen(port, host, ready));

    assert.equal(await tokenFor(origin), 401);
    assert.equal(await tokenFor(origin, await logIn(origin, 'oak_7')), 'oak_7');
    const create = fake.requests.find((request) => request.route === 'POST /api/sub-account/')!;
    assert.deepEqual(create.bodyKeys, ['external_id', 'email']);
  });

  test('Koa with koa-session: the session handed to node.req', async () => {
    const tokenHandler = createTokenHandler({
      partner: partner(),
      identify: (_request, node?: NodeContext<IncomingMessage & { session?: { customerId?: string } | null }>) => {
        const id = node?.req.session?.customerId;
        return id ? { external_id: id } : null;
      },
    });
    const peliqanToken = toNodeHandler(tokenHandler);
    const app = new Koa();
    app.keys = ['test-session-key'];
    app.use(koaSession({}, app));
    app.use(async (ctx, next) => {
      if (ctx.path === '/login') {
        ctx.session!.customerId = String(ctx.query.customer);
        ctx.status = 204;
        return;
      }
      if (ctx.path !== '/peliqan/token') return next();
      // toNodeHandler writes the answer; Koa keeps the session on ctx, so hand it to Node's request.
      ctx.respond = false;
      await peliqanToken(Object.assign(ctx.req, { session: ctx.session }), ctx.res);
    });
    const origin = await start((port, host, ready) => app.listen(port, host, ready));

    assert.equal(await tokenFor(origin), 401);
    assert.equal(await tokenFor(origin, await logIn(origin, 'wood_123')), 'wood_123');
  });
});
