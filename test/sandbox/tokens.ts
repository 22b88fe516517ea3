/** JWT-shaped tokens (HS256 with a per-sandbox secret), shaped like ACR's (acr-api.md §4.5). */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

export interface AccessEntry {
  type: string;
  name: string;
  actions: string[];
}

export interface TokenClaims {
  jti: string;
  sub: string;
  nbf: number;
  exp: number;
  iat: number;
  iss: string;
  aud: string;
  version: string;
  grant_type: 'refresh_token' | 'access_token';
  /** Name of the sandbox registry the token was issued for. */
  registry: string;
  tenant?: string;
  permissions?: { actions: string[]; notActions: string[] };
  roles?: string[];
  access?: AccessEntry[];
}

export type VerifyResult = { ok: true; claims: TokenClaims } | { ok: false; reason: 'invalid' | 'expired' };

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function isClaims(value: unknown): value is TokenClaims {
  if (value === null || typeof value !== 'object') {
    return false;
  }
  const v = value as Record<string, unknown>;
  return typeof v.exp === 'number' && typeof v.sub === 'string' && typeof v.registry === 'string' && (v.grant_type === 'refresh_token' || v.grant_type === 'access_token');
}

export class TokenIssuer {
  constructor(
    private readonly secret: Buffer,
    /** Lifetimes in seconds. */
    public lifetimes: { access: number; refresh: number },
    /** ms since the epoch (the sandbox's clock, which tests can advance). */
    private readonly now: () => number = Date.now,
  ) {}

  private sign(claims: TokenClaims): string {
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = base64url(JSON.stringify(claims));
    const signature = createHmac('sha256', this.secret).update(`${header}.${payload}`).digest('base64url');
    return `${header}.${payload}.${signature}`;
  }

  private base(kind: 'refresh_token' | 'access_token', sub: string, audience: string, registry: string): TokenClaims {
    const iat = Math.floor(this.now() / 1000);
    const lifetime = kind === 'refresh_token' ? this.lifetimes.refresh : this.lifetimes.access;
    return { jti: randomUUID(), sub, nbf: iat, exp: iat + lifetime, iat, iss: 'Azure Container Registry', aud: audience, version: '1.0', grant_type: kind, registry };
  }

  refreshToken(sub: string, audience: string, registry: string): string {
    return this.sign({ ...this.base('refresh_token', sub, audience, registry), tenant: '00000000-0000-0000-0000-000000000000', permissions: { actions: ['*'], notActions: [] }, roles: [] });
  }

  accessToken(sub: string, audience: string, registry: string, access: AccessEntry[]): string {
    return this.sign({ ...this.base('access_token', sub, audience, registry), access });
  }

  verify(token: string): VerifyResult {
    const parts = token.split('.');
    if (parts.length !== 3) {
      return { ok: false, reason: 'invalid' };
    }
    const [header, payload, signature] = parts as [string, string, string];
    const expected = createHmac('sha256', this.secret).update(`${header}.${payload}`).digest();
    const actual = Buffer.from(signature, 'base64url');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      return { ok: false, reason: 'invalid' };
    }
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    if (!isClaims(claims)) {
      return { ok: false, reason: 'invalid' };
    }
    if (claims.exp <= this.now() / 1000) {
      return { ok: false, reason: 'expired' };
    }
    return { ok: true, claims };
  }
}
