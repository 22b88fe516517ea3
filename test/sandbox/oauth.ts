/** POST /oauth2/exchange and GET|POST /oauth2/token (acr-api.md §4). */
import { type RequestContext, formParams, sendJson, methodNotAllowed } from './http';
import { RegistryError, AUTH_MESSAGE } from './errors';
import { parseScopes } from './scopes';
import { type AuthSettings, decodeBasic } from './auth';
import { type Principal, AAD_PRINCIPAL, ANONYMOUS_PRINCIPAL, checkPassword, grant, principalOf } from './users';

export interface OAuthSettings extends AuthSettings {
  anonymousPull: boolean;
}

const DOCKER_REFRESH_USER = '00000000-0000-0000-0000-000000000000';

function unauthorized(message = AUTH_MESSAGE): RegistryError {
  return new RegistryError(401, 'UNAUTHORIZED', message);
}

/** The principal behind a refresh token issued by this sandbox for this registry. */
function refreshPrincipal(ctx: RequestContext, settings: OAuthSettings, token: string): Principal {
  const result = settings.issuer.verify(token);
  if (!result.ok) {
    throw unauthorized(result.reason === 'expired' ? 'the refresh token has expired' : 'the refresh token is invalid');
  }
  if (result.claims.grant_type !== 'refresh_token' || result.claims.registry !== ctx.registry.name) {
    throw unauthorized('the refresh token is invalid');
  }
  const principal = principalOf(settings.users, result.claims.sub, ctx.registry.name);
  if (!principal) {
    throw unauthorized('the refresh token is invalid');
  }
  return principal;
}

function anonymous(settings: OAuthSettings): Principal {
  if (!settings.anonymousPull) {
    throw unauthorized();
  }
  return ANONYMOUS_PRINCIPAL;
}

function passwordPrincipal(ctx: RequestContext, settings: OAuthSettings, username: string, password: string): Principal {
  if (username === DOCKER_REFRESH_USER) {
    return refreshPrincipal(ctx, settings, password);
  }
  const principal = checkPassword(settings.users, username, password, ctx.registry.name);
  if (!principal) {
    throw unauthorized('invalid username or password');
  }
  return principal;
}

function tokenPrincipal(ctx: RequestContext, settings: OAuthSettings, params: URLSearchParams): Principal {
  const grantType = params.get('grant_type') ?? '';
  if (grantType === 'refresh_token') {
    return refreshPrincipal(ctx, settings, params.get('refresh_token') ?? '');
  }
  if (grantType === 'password') {
    const username = params.get('username') ?? '';
    const password = params.get('password') ?? '';
    if (username) {
      return passwordPrincipal(ctx, settings, username, password);
    }
    const refresh = params.get('refresh_token') ?? '';
    return refresh ? refreshPrincipal(ctx, settings, refresh) : anonymous(settings);
  }
  if (grantType !== '') {
    throw new RegistryError(400, 'UNSUPPORTED', `unsupported grant_type '${grantType}'`);
  }
  const basic = decodeBasic(ctx.req.headers.authorization ?? '');
  return basic ? passwordPrincipal(ctx, settings, basic.username, basic.password) : anonymous(settings);
}

export function handleOAuth(ctx: RequestContext, settings: OAuthSettings): void {
  const params = formParams(ctx);
  if (ctx.path === '/oauth2/exchange') {
    if (ctx.method !== 'POST') {
      throw methodNotAllowed();
    }
    const grantType = params.get('grant_type') ?? '';
    let subject: string;
    if (grantType === 'access_token' || grantType === 'access_token_refresh_token') {
      if (!params.get('access_token')) {
        throw unauthorized('access_token is required');
      }
      subject = AAD_PRINCIPAL.name;
    } else if (grantType === 'refresh_token') {
      subject = refreshPrincipal(ctx, settings, params.get('refresh_token') ?? '').name;
    } else {
      throw new RegistryError(400, 'UNSUPPORTED', `unsupported grant_type '${grantType}'`);
    }
    sendJson(ctx.res, 200, { refresh_token: settings.issuer.refreshToken(subject, ctx.host, ctx.registry.name) });
    return;
  }
  if (ctx.method !== 'POST' && ctx.method !== 'GET') {
    throw methodNotAllowed();
  }
  const principal = tokenPrincipal(ctx, settings, params);
  const access = grant(principal, parseScopes(params.getAll('scope')));
  sendJson(ctx.res, 200, { access_token: settings.issuer.accessToken(principal.name, ctx.host, ctx.registry.name, access) });
}
