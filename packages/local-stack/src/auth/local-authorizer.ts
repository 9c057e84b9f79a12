import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  createLocalJWKSet,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
} from 'jose';
import { javaDateString } from './claims';

export interface LocalAuthorizerOptions {
  /** The token issuer (`iss`), like a user pool's URL; its JWKS is at `<issuer>/.well-known/jwks.json`. */
  readonly issuer: () => string;
  /** App clients whose tokens are accepted (`client_id`); others are refused as another audience. */
  readonly clientIds: readonly string[];
  /** A token needs one of these scopes (as API Gateway's authorization scopes); empty: any scope. */
  readonly requiredScopes: readonly string[];
  /** Keeps the signing key across restarts (tokens stay valid); a fresh key per start when absent. */
  readonly keyFile?: string;
}

export interface TokenRequest {
  readonly subject?: string;
  readonly clientId?: string;
  readonly scope?: string;
  readonly expiresInSeconds?: number;
}

export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly scope: string;
  readonly clientId: string;
}

/** API Gateway's decision: the claims the function receives, or the gateway response that answers. */
export type AuthorizerDecision =
  | { readonly allowed: true; readonly claims: Readonly<Record<string, string>> }
  | {
      readonly allowed: false;
      readonly response: 'UNAUTHORIZED' | 'ACCESS_DENIED';
      readonly message: string;
    };

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

const ALGORITHM = 'RS256';
const UNAUTHORIZED = { allowed: false, response: 'UNAUTHORIZED', message: 'Unauthorized' } as const;

const loadOrCreateKey = async (keyFile: string | undefined): Promise<JWK> => {
  if (keyFile !== undefined && existsSync(keyFile)) return JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: ALGORITHM, use: 'sig' };
  if (keyFile !== undefined) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(jwk), { mode: 0o600 });
    chmodSync(keyFile, 0o600);
  }
  return jwk;
};

const publicPart = ({ kty, n, e, kid, alg, use }: JWK): JWK => ({ kty, n, e, kid, alg, use }) as JWK;

/**
 * Emulates API Gateway's Cognito user pool authorizer: RS256 access tokens of one issuer, checked for
 * signature, expiry, `token_use`, app client and scope. The claims reach the function as API Gateway passes
 * them (`requestContext.authorizer.claims`, every value a string).
 */
export class LocalAuthorizer {
  private constructor(
    private readonly options: LocalAuthorizerOptions,
    private readonly signingKey: SigningKey,
    private readonly kid: string,
    private readonly publicKeys: JSONWebKeySet,
  ) {}

  static async create(options: LocalAuthorizerOptions): Promise<LocalAuthorizer> {
    const jwk = await loadOrCreateKey(options.keyFile);
    const key = await importJWK(jwk, ALGORITHM);
    return new LocalAuthorizer(options, key, jwk.kid ?? 'local', { keys: [publicPart(jwk)] });
  }

  get jwks(): JSONWebKeySet {
    return this.publicKeys;
  }

  get defaultClientId(): string {
    return this.options.clientIds[0] ?? 'catalog-local';
  }

  get defaultScope(): string {
    return this.options.requiredScopes.join(' ');
  }

  async issue(request: TokenRequest = {}): Promise<IssuedToken> {
    const expiresIn = request.expiresInSeconds ?? 3600;
    const clientId = request.clientId ?? this.defaultClientId;
    const scope = request.scope ?? this.defaultScope;
    const subject = request.subject ?? 'local-user';
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await new SignJWT({
      client_id: clientId,
      token_use: 'access',
      scope,
      auth_time: now,
      username: subject,
    })
      .setProtectedHeader({ alg: ALGORITHM, kid: this.kid, typ: 'JWT' })
      .setIssuer(this.options.issuer())
      .setSubject(subject)
      .setIssuedAt(now)
      .setExpirationTime(now + expiresIn)
      .setJti(randomUUID())
      .sign(this.signingKey);
    return { accessToken, expiresIn, scope, clientId };
  }

  /** Decides on the `Authorization` header (the raw token, or `Bearer <token>`). */
  async authorize(header: string | undefined): Promise<AuthorizerDecision> {
    const token = header?.trim().replace(/^Bearer\s+/i, '');
    if (token === undefined || token === '') return UNAUTHORIZED;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, createLocalJWKSet(this.publicKeys), {
        issuer: this.options.issuer(),
        algorithms: [ALGORITHM],
        clockTolerance: 0,
      }));
    } catch (error) {
      // Cognito's authorizer says so when the token is only expired; any other flaw is plain Unauthorized.
      if (error instanceof errors.JWTExpired)
        return { allowed: false, response: 'UNAUTHORIZED', message: 'The incoming token has expired' };
      return UNAUTHORIZED;
    }
    if (payload.token_use !== 'access' || typeof payload.client_id !== 'string') return UNAUTHORIZED;
    if (!this.options.clientIds.includes(payload.client_id)) return UNAUTHORIZED;
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
    const { requiredScopes } = this.options;
    if (requiredScopes.length > 0 && !requiredScopes.some((scope) => scopes.includes(scope))) {
      return {
        allowed: false,
        response: 'ACCESS_DENIED',
        message: 'User is not authorized to access this resource',
      };
    }
    return { allowed: true, claims: claimsAsApiGatewayPassesThem(payload) };
  }
}

const DATE_CLAIMS = new Set(['exp', 'iat', 'auth_time', 'nbf']);

/** API Gateway hands Cognito claims to the function as strings, times in Java's Date#toString format. */
const claimsAsApiGatewayPassesThem = (payload: JWTPayload): Record<string, string> => {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined) continue;
    claims[name] =
      DATE_CLAIMS.has(name) && typeof value === 'number'
        ? javaDateString(new Date(value * 1000))
        : typeof value === 'string'
          ? value
          : JSON.stringify(value);
  }
  return claims;
};
