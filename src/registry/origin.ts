/**
 * Credentials never leave the registry's origin. Without this, a redirect or an absolute
 * `Link: <https://other-host/…>; rel="next"` makes the SDK send the ACR access token (and our
 * password grant the user name and password) to the other host: the SDK turns on cross-origin
 * redirects, its bearer policy answers the other host's challenge and re-sends the request
 * (whose URL the redirect policy changed) with a fresh token.
 *
 * Two pipeline policies guard every SDK client of a registry (see RegistryClient):
 * - `front` (perCall, before the SDK's bearer policy, so before any credential is added):
 *   a request for another origin is refused before anything happens;
 * - `wire` (the last perRetry policy, after the SDK's redirect policy and our password grant,
 *   right before the HTTP client): every request that would go out, including token grants and
 *   redirect follow-ups, must be for the registry's origin, and a 3xx pointing to another
 *   origin becomes an error instead of being followed.
 */
import { type PipelinePolicy } from '@azure/core-rest-pipeline';
import { RegistryError } from './errors';

function parse(url: string, base?: string): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}

export function crossOriginError(registryOrigin: string, target: URL | undefined, what: string): RegistryError {
  const host = target?.host || '(unreadable address)';
  return new RegistryError(
    'crossOrigin',
    `The registry ${new URL(registryOrigin).host} sent a ${what} to another host (${host}); it was not followed and nothing was sent there.`,
    { host },
  );
}

/** Throws `crossOrigin` unless `url` (absolute, or relative to the registry) is on the registry's origin. */
export function assertSameOrigin(registryOrigin: string, url: string, what: string): void {
  const target = parse(url, registryOrigin);
  if (!target || target.origin !== registryOrigin) {
    throw crossOriginError(registryOrigin, target, what);
  }
}

const REDIRECTS = new Set([300, 301, 302, 303, 307, 308]);

export function sameOriginPolicy(endpoint: string, position: 'front' | 'wire'): PipelinePolicy {
  const registryOrigin = new URL(endpoint).origin;
  return {
    name: position === 'front' ? 'acrLocksSameOriginFront' : 'acrLocksSameOriginWire',
    async sendRequest(request, next) {
      assertSameOrigin(registryOrigin, request.url, position === 'front' ? 'link' : 'request');
      const response = await next(request);
      const location = response.headers.get('location');
      if (position === 'wire' && location !== undefined && REDIRECTS.has(response.status)) {
        const target = parse(location, request.url);
        if (!target || target.origin !== registryOrigin) {
          throw crossOriginError(registryOrigin, target, `redirect (${response.status})`);
        }
      }
      return response;
    },
  };
}
