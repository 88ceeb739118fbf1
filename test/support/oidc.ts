/**
 * A real OpenID provider and a real JWT-validating API, on 127.0.0.1, for the token tests.
 *
 * The authorization server is panva's `oidc-provider` (certified; v9 prints a Node-version
 * warning on Node 20, harmless). The API verifies Bearer tokens with `jose`
 * (`createRemoteJWKSet` + `jwtVerify`), as many real APIs do. Nothing leaves loopback.
 *
 * API (kept small on purpose; other tests import it, do not rename):
 *
 *   const op = await startOidcProvider({ realm: 'demo' });   // issuer http://127.0.0.1:P/realms/demo
 *   op.issuer, op.origin, op.tokenEndpoint, op.jwksUri
 *   op.clients.basic / op.clients.post          // { id, secret } (client_secret_basic / _post)
 *   await op.accessToken({ resource, client: 'post', alg: 'ES256' })   // real client_credentials
 *   await op.sign(claims, { alg, kid, key: 'other' })                  // hand-minted, see below
 *   await op.idToken({ aud })                                           // an ID token (hand-minted)
 *   await op.rotateKeys()                       // same port, new keys: the old kids are gone
 *   await op.close()
 *
 *   const api = await startProtectedApi({ issuer: op.issuer, audience: op.resource, jwksUri: op.jwksUri,
 *                                         resourceMetadata: true });
 *   api.url ('/data'), api.origin, api.resourceMetadataUrl, await api.close()
 *
 * Access tokens come from the provider itself: the client_credentials grant with a resource
 * indicator (RFC 8707); `getResourceServerInfo` makes them JWTs (`typ: at+jwt`) whose `aud` is the
 * resource. ID tokens would need the authorization-code flow (a browser login): instead `sign` /
 * `idToken` mint tokens with jose using the provider's own private JWK (the same key and `kid`
 * the provider publishes), which is what the provider would sign with. `key: 'other'` signs with a
 * fresh key under the published kid (a token from another issuer reusing the kid).
 *
 * Keys are generated per run: an RSA key (RS256, the default) and an EC P-256 key (ES256).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTPayload,
} from 'jose';
import Provider, { errors as providerErrors } from 'oidc-provider';

const HOST = '127.0.0.1';

export interface OidcClient {
  id: string;
  secret: string;
}

export type SigningAlg = 'RS256' | 'ES256';

export interface OidcProviderOptions {
  /** Keycloak-shaped issuer path: `/realms/<realm>`. Default: the issuer is the bare origin. */
  realm?: string;
  /** The API audience access tokens are minted for (default `https://api.example.test/`). */
  resource?: string;
  /** Extra resources the clients may ask tokens for. */
  otherResources?: string[];
  /**
   * The provider's `clientAuthMethods` (default: oidc-provider's). oidc-provider accepts a
   * client_secret_basic client's secret in the body and the reverse; `['client_secret_basic']`
   * makes it refuse a secret in the body (and discovery list only Basic).
   */
  clientAuthMethods?: string[];
  /** Let both clients use the refresh_token grant too (with authorization_code, as it requires). */
  refreshTokens?: boolean;
}

export interface OidcProviderFixture {
  /** The exact issuer (the `iss` of every token, discovery's `issuer`). */
  issuer: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** The default resource (audience) of access tokens. */
  resource: string;
  clients: { basic: OidcClient; post: OidcClient };
  /** An access token from the real client_credentials grant (a JWT, `aud` = the resource). */
  accessToken(opts?: {
    resource?: string;
    client?: 'basic' | 'post';
    alg?: SigningAlg;
    scope?: string;
  }): Promise<string>;
  /** Mints a JWT signed with the provider's current private key (or another key: `key: 'other'`). */
  sign(
    claims: JWTPayload,
    opts?: { alg?: SigningAlg; kid?: string; typ?: string; key?: 'provider' | 'other' },
  ): Promise<string>;
  /** An ID token (`aud` = the client id, `nonce`, `typ: JWT`) signed with the provider's key. */
  idToken(opts?: { aud?: string; nonce?: string }): Promise<string>;
  /** The current kids: `{ RS256, ES256 }`. */
  kids(): Record<SigningAlg, string>;
  /** New keys (new kids) behind the same origin; tokens signed before no longer find their key. */
  rotateKeys(): Promise<void>;
  close(): Promise<void>;
}

interface KeySet {
  privateJwks: JWK[];
  kids: Record<SigningAlg, string>;
}

async function makeKeys(): Promise<KeySet> {
  const rsa = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const ec = await generateKeyPair('ES256', { extractable: true });
  const rsaJwk = await exportJWK(rsa.privateKey);
  const ecJwk = await exportJWK(ec.privateKey);
  const kids = {
    RS256: `rsa-${randomBytes(4).toString('hex')}`,
    ES256: `ec-${randomBytes(4).toString('hex')}`,
  };
  return {
    privateJwks: [
      { ...rsaJwk, kid: kids.RS256, alg: 'RS256', use: 'sig' },
      { ...ecJwk, kid: kids.ES256, alg: 'ES256', use: 'sig' },
    ],
    kids,
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

export async function startOidcProvider(
  options: OidcProviderOptions = {},
): Promise<OidcProviderFixture> {
  const resource = options.resource ?? 'https://api.example.test/';
  const resources = new Set([resource, ...(options.otherResources ?? [])]);
  const clients = {
    basic: {
      id: `basic-${randomBytes(4).toString('hex')}`,
      secret: randomBytes(24).toString('base64url'),
    },
    post: {
      id: `post-${randomBytes(4).toString('hex')}`,
      secret: randomBytes(24).toString('base64url'),
    },
  };
  let keys = await makeKeys();
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const prefix = options.realm === undefined ? '' : `/realms/${options.realm}`;
  const server = createServer((req, res) => {
    if (handler === undefined || !(req.url ?? '/').startsWith(prefix)) {
      res.statusCode = 404;
      res.end();
      return;
    }
    // Mounted under a prefix: oidc-provider reads the mount path from originalUrl.
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = req.url ?? '/';
    req.url = (req.url ?? '/').slice(prefix.length) || '/';
    handler(req, res);
  });
  const port = await listen(server);
  const origin = `http://${HOST}:${port}`;
  const issuer = `${origin}${prefix}`;
  // Each access-token request picks its alg; getResourceServerInfo reads it from here.
  let nextAlg: SigningAlg = 'RS256';

  // Scopes: a client asking for `admin` (a scope the provider knows, not granted to the clients)
  // gets invalid_scope.
  const grants =
    options.refreshTokens === true
      ? {
          grant_types: ['client_credentials', 'refresh_token', 'authorization_code'],
          redirect_uris: [`http://${HOST}/cb`],
          response_types: ['code'],
        }
      : { grant_types: ['client_credentials'], redirect_uris: [], response_types: [] };
  const build = (): void => {
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: clients.basic.id,
          client_secret: clients.basic.secret,
          ...grants,
          scope: 'openid offline_access read write',
          token_endpoint_auth_method: 'client_secret_basic',
        },
        {
          client_id: clients.post.id,
          client_secret: clients.post.secret,
          ...grants,
          scope: 'openid offline_access read write',
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      scopes: ['openid', 'offline_access', 'read', 'write', 'admin'],
      ...(options.clientAuthMethods !== undefined
        ? { clientAuthMethods: options.clientAuthMethods }
        : {}),
      jwks: { keys: keys.privateJwks as never },
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => resource,
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx: unknown, indicator: string) => {
            if (!resources.has(indicator)) throw new providerErrors.InvalidTarget();
            return {
              scope: 'read write',
              audience: indicator,
              accessTokenFormat: 'jwt',
              accessTokenTTL: 600,
              jwt: { sign: { alg: nextAlg } },
            };
          },
        },
      },
      enabledJWA: {
        idTokenSigningAlgValues: ['RS256', 'ES256'],
      },
    });
    handler = provider.callback();
  };
  build();

  const sign: OidcProviderFixture['sign'] = async (claims, opts = {}) => {
    const alg = opts.alg ?? 'RS256';
    let key;
    if (opts.key === 'other') {
      key = (await generateKeyPair(alg)).privateKey;
    } else {
      const jwk = keys.privateJwks.find((k) => k.kid === keys.kids[alg]);
      key = await importJWK(jwk as JWK, alg);
    }
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: issuer, iat: now, exp: now + 600, ...claims })
      .setProtectedHeader({ alg, kid: opts.kid ?? keys.kids[alg], typ: opts.typ ?? 'JWT' })
      .sign(key);
  };

  return {
    issuer,
    origin,
    tokenEndpoint: `${issuer}/token`,
    jwksUri: `${issuer}/jwks`,
    resource,
    clients,
    async accessToken(opts = {}) {
      const which = opts.client ?? 'basic';
      const client = clients[which];
      const body = new URLSearchParams({
        grant_type: 'client_credentials',
        resource: opts.resource ?? resource,
      });
      body.set('scope', opts.scope ?? 'read');
      const headers: Record<string, string> = {
        'content-type': 'application/x-www-form-urlencoded',
      };
      if (which === 'basic') {
        const pair = `${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`;
        headers['authorization'] = `Basic ${Buffer.from(pair).toString('base64')}`;
      } else {
        body.set('client_id', client.id);
        body.set('client_secret', client.secret);
      }
      nextAlg = opts.alg ?? 'RS256';
      const res = await fetch(`${issuer}/token`, { method: 'POST', headers, body });
      const json = (await res.json()) as {
        access_token?: string;
        error?: string;
        error_description?: string;
      };
      if (json.access_token === undefined) {
        throw new Error(
          `token endpoint: ${res.status} ${json.error ?? ''} ${json.error_description ?? ''}`,
        );
      }
      return json.access_token;
    },
    sign,
    idToken(opts = {}) {
      return sign({
        sub: 'user-1',
        aud: opts.aud ?? clients.basic.id,
        azp: opts.aud ?? clients.basic.id,
        nonce: opts.nonce ?? randomBytes(8).toString('hex'),
        auth_time: Math.floor(Date.now() / 1000),
      });
    },
    kids: () => ({ ...keys.kids }),
    async rotateKeys() {
      keys = await makeKeys();
      build();
    },
    close: () => closeServer(server),
  };
}

export interface ProtectedApiOptions {
  /** The issuer the API trusts (jwtVerify's `issuer`). */
  issuer: string;
  /** The audience the API requires (jwtVerify's `audience`); also its RFC 9728 `resource`. */
  audience: string;
  /** Where the API fetches keys (default `${issuer}/jwks`). */
  jwksUri?: string;
  /** Serve `/.well-known/oauth-protected-resource` and name it in `WWW-Authenticate`. */
  resourceMetadata?: boolean;
  /** RFC 9728 `authorization_servers` (default `[issuer]`). */
  authorizationServers?: string[];
  /** RFC 9728 `resource` (default `audience`). */
  metadataResource?: string;
}

export interface ProtectedApi {
  /** `http://127.0.0.1:PORT/data`: 200 `{"ok":true}` with a valid token, else 401. */
  url: string;
  origin: string;
  resourceMetadataUrl: string;
  close(): Promise<void>;
}

/** A loopback API that verifies `Authorization: Bearer <jwt>` with jose and the issuer's JWKS. */
export async function startProtectedApi(options: ProtectedApiOptions): Promise<ProtectedApi> {
  // cacheMaxAge 0 / cooldown 0: every verification sees the JWKS as published now (key rotation).
  const jwks = createRemoteJWKSet(new URL(options.jwksUri ?? `${options.issuer}/jwks`), {
    cacheMaxAge: 0,
    cooldownDuration: 0,
  });
  let metadataUrl = '';
  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0];
      if (options.resourceMetadata === true && path === '/.well-known/oauth-protected-resource') {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            resource: options.metadataResource ?? options.audience,
            authorization_servers: options.authorizationServers ?? [options.issuer],
            bearer_methods_supported: ['header'],
          }),
        );
        return;
      }
      const refuse = (error: string | undefined, description: string | undefined): void => {
        const params = ['realm="api"'];
        if (error !== undefined) params.push(`error="${error}"`);
        if (description !== undefined)
          params.push(`error_description="${description.replace(/["\\]/g, '')}"`);
        if (options.resourceMetadata === true) params.push(`resource_metadata="${metadataUrl}"`);
        res.statusCode = 401;
        res.setHeader('www-authenticate', `Bearer ${params.join(', ')}`);
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({ error: error ?? 'unauthorized', message: description ?? 'no token' }),
        );
      };
      const auth = req.headers.authorization ?? '';
      const match = /^Bearer (\S+)$/i.exec(auth);
      if (match === null) {
        refuse(undefined, undefined);
        return;
      }
      try {
        await jwtVerify(match[1] as string, jwks, {
          issuer: options.issuer,
          audience: options.audience,
        });
        res.setHeader('content-type', 'application/json');
        res.end('{"ok":true}');
      } catch (err) {
        refuse('invalid_token', (err as Error).message);
      }
    })();
  });
  const port = await listen(server);
  const origin = `http://${HOST}:${port}`;
  metadataUrl = `${origin}/.well-known/oauth-protected-resource`;
  return {
    url: `${origin}/data`,
    origin,
    resourceMetadataUrl: metadataUrl,
    close: () => closeServer(server),
  };
}
