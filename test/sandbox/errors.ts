/** ACR error envelopes: `{"errors":[{"code","message","detail"}]}`. */

export class RegistryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): { errors: { code: string; message: string; detail?: unknown }[] } {
    const entry: { code: string; message: string; detail?: unknown } = { code: this.code, message: this.message };
    if (this.detail !== undefined) {
      entry.detail = this.detail;
    }
    return { errors: [entry] };
  }
}

export const DISALLOWED_MESSAGE =
  'The operation is disallowed on this registry, repository or image. View troubleshooting steps at https://aka.ms/acr/faq/#why-does-my-pull-or-push-request-fail-with-disallowed-operation';

export const AUTH_MESSAGE = 'authentication required, visit https://aka.ms/acr/authorization for more information.';

export function disallowed(): RegistryError {
  return new RegistryError(405, 'REGISTRY_DISALLOWED_OPERATION', DISALLOWED_MESSAGE, {});
}

export function nameUnknown(name: string): RegistryError {
  return new RegistryError(404, 'NAME_UNKNOWN', 'repository name not known to registry', { name });
}

export function tagUnknown(): RegistryError {
  return new RegistryError(404, 'TAG_UNKNOWN', 'the specified tag does not exist');
}

/**
 * `/acr/v1/{repo}/_manifests/{reference}` that does not exist: the envelope real ACR answers, with no
 * `detail` (Azure SDK recordings).
 */
export function metadataManifestUnknown(): RegistryError {
  return new RegistryError(404, 'MANIFEST_UNKNOWN', 'manifest unknown');
}

/** `/v2/{repo}/manifests/{reference}` that does not exist (OCI distribution API). */
export function manifestUnknown(reference: string): RegistryError {
  if (reference.startsWith('sha256:')) {
    return new RegistryError(404, 'MANIFEST_UNKNOWN', `manifest ${reference} is not found`, { Digest: reference });
  }
  return new RegistryError(404, 'MANIFEST_UNKNOWN', `manifest tagged by "${reference}" is not found`, { Tag: reference });
}

export function blobUnknown(digest: string): RegistryError {
  return new RegistryError(404, 'BLOB_UNKNOWN', 'blob unknown to registry', { digest });
}

export function badRequest(code: string, message: string, detail?: unknown): RegistryError {
  return new RegistryError(400, code, message, detail);
}
