/** Authorization of resource requests: Bearer access tokens (and Basic for convenience), ACR challenges. */
import { type RequestContext } from './http';
import { RegistryError, AUTH_MESSAGE } from './errors';
import { type Scope, formatScope } from './scopes';
import { type TokenIssuer } from './tokens';
import { type SandboxUser, checkPassword, covers, principalCovers } from './users';

export interface AuthSettings {
  issuer: TokenIssuer;
  users: readonly SandboxUser[];
}

export function realmOf(host: string): string {
  return `https://${host}/oauth2/token`;
}

/** 401 with `WWW-Authenticate: Bearer realm,service[,scope][,error]` and the UNAUTHORIZED envelope. */
export function challenge(host: string, required: Scope | undefined, error?: 'insufficient_scope' | 'invalid_token'): RegistryError {
  let header = `Bearer realm="${realmOf(host)}",service="${host}"`;
  if (required) {
    header += `,scope="${formatScope(required)}"`;
  }
  if (error) {
    header += `,error="${error}"`;
  }
  const detail = required ? required.actions.map((action) => ({ Type: required.type, Name: required.name, Action: action })) : null;
  return new RegistryError(401, 'UNAUTHORIZED', AUTH_MESSAGE, detail, { 'WWW-Authenticate': header });
}

export function decodeBasic(header: string): { username: string; password: string } | undefined {
  const match = /^Basic\s+(.+)$/i.exec(header);
  if (!match?.[1]) {
    return undefined;
  }
  const text = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? undefined : { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** Throws the 401 challenge unless the request carries credentials covering `required`. */
export function authorize(ctx: RequestContext, settings: AuthSettings, required: Scope | undefined): void {
  const header = ctx.req.headers.authorization ?? '';
  const bearer = /^Bearer\s+(.+)$/i.exec(header);
  if (bearer?.[1]) {
    const result = settings.issuer.verify(bearer[1].trim());
    if (!result.ok || result.claims.grant_type !== 'access_token' || result.claims.registry !== ctx.registry.name) {
      throw challenge(ctx.host, required, 'invalid_token');
    }
    if (required && !covers(result.claims.access ?? [], required)) {
      throw challenge(ctx.host, required, 'insufficient_scope');
    }
    return;
  }
  const basic = decodeBasic(header);
  if (basic) {
    const principal = checkPassword(settings.users, basic.username, basic.password, ctx.registry.name);
    if (principal && (!required || principalCovers(principal, required))) {
      return;
    }
    throw challenge(ctx.host, required, principal ? 'insufficient_scope' : undefined);
  }
  throw challenge(ctx.host, required);
}
