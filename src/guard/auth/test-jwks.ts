// A tiny authorization server for tests: a real JWKS served over HTTP on 127.0.0.1 from a real key
// pair (jose), and a signer for access tokens. The OAuth tests and the HTTP server tests use it so
// tokens go through the same fetch, cache and signature checks as with Keycloak or Auth0.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

/** A running test JWKS server. */
export interface TestAuthServer {
  /** The issuer identifier tokens carry (`iss`): the server's base URL. */
  issuer: string;
  /** Where the JWKS is served. */
  jwksUrl: string;
  /** How many times the JWKS was fetched (caching is observable). */
  fetches: number;
  /** The signing key pair (RS256); the public half is in the JWKS under `kid` `test-key`. */
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** Signs an RS256 access token for `audience`, `sub` `alice`, expiring in 5 minutes, unless overridden. */
  sign(
    audience: string,
    claims?: JWTPayload,
    options?: { key?: CryptoKey; kid?: string; exp?: string | number; issuer?: string },
  ): Promise<string>;
  close(): Promise<void>;
}

/** Starts a JWKS server; `delayMs` holds every JWKS response back that long (timeout tests). */
export async function startTestAuthServer(options: { delayMs?: number } = {}): Promise<TestAuthServer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const server = createServer((req, res) => {
    if (req.url !== '/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    state.fetches++;
    const send = () => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    };
    if (options.delayMs) setTimeout(send, options.delayMs).unref();
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const state: TestAuthServer = {
    issuer: base,
    jwksUrl: `${base}/jwks.json`,
    fetches: 0,
    privateKey,
    publicKey,
    async sign(audience, claims = {}, opts = {}) {
      return new SignJWT({ sub: 'alice', ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? 'test-key', typ: 'at+jwt' })
        .setIssuer(opts.issuer ?? base)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(opts.exp ?? '5m')
        .sign(opts.key ?? privateKey);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return state;
}
