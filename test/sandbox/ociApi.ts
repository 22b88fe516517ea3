/** The OCI distribution API under /v2 (acr-api.md §1.7): enough for skopeo/docker push and pull. */
import { randomUUID } from 'node:crypto';
import { type RequestContext, sendJson, sendEmpty, methodNotAllowed, notFound } from './http';
import { type AuthSettings, authorize } from './auth';
import { type Scope } from './scopes';
import { RegistryError, badRequest, blobUnknown, disallowed, manifestUnknown } from './errors';
import { DIGEST_PATTERN, type RepositoryRecord } from './model';
import { sha256Digest } from './digest';
import { checkPull, deleteManifest, putManifest } from './operations';
import { requireRepository } from './store';
import { linkHeader, pageRequest, paginate } from './paging';

function scope(name: string, ...actions: string[]): Scope {
  return { type: 'repository', name, actions };
}

function catalog(ctx: RequestContext, auth: AuthSettings): void {
  authorize(ctx, auth, { type: 'registry', name: 'catalog', actions: ['*'] });
  const request = pageRequest(ctx.query, false);
  const visible = [...ctx.registry.repositories.values()].filter((r) => r.attributes.listEnabled).map((r) => ({ name: r.name, time: r.lastUpdateTime }));
  const { page, next } = paginate(visible, request);
  sendJson(ctx.res, 200, { repositories: page.map((r) => r.name) }, next === undefined ? {} : { Link: linkHeader('/v2/_catalog', next, request) });
}

function tagsList(ctx: RequestContext, auth: AuthSettings, name: string): void {
  authorize(ctx, auth, scope(name, 'metadata_read'));
  const repository = requireRepository(ctx.registry, name);
  const request = pageRequest(ctx.query, false);
  const visible = [...repository.tags.values()].filter((t) => t.attributes.listEnabled).map((t) => ({ name: t.name, time: t.lastUpdateTime }));
  const { page, next } = paginate(visible, request);
  sendJson(ctx.res, 200, { name, tags: page.map((t) => t.name) }, next === undefined ? {} : { Link: linkHeader(`/v2/${name}/tags/list`, next, request) });
}

function acceptable(accept: string | undefined, mediaType: string): boolean {
  const types = (accept ?? '')
    .split(',')
    .map((t) => t.split(';')[0]?.trim() ?? '')
    .filter((t) => t.length > 0);
  return types.length === 0 || types.some((t) => t === mediaType || t === '*/*' || !t.startsWith('application/vnd.'));
}

function getManifest(ctx: RequestContext, auth: AuthSettings, name: string, reference: string): void {
  authorize(ctx, auth, scope(name, 'pull'));
  const repository = ctx.registry.repositories.get(name);
  if (!repository) {
    throw manifestUnknown(reference);
  }
  const tag = reference.startsWith('sha256:') ? undefined : repository.tags.get(reference);
  const manifest = repository.manifests.get(tag ? tag.digest : reference);
  if (!manifest) {
    throw manifestUnknown(reference);
  }
  checkPull(repository, tag, manifest);
  if (!acceptable(ctx.req.headers.accept, manifest.mediaType)) {
    throw new RegistryError(404, 'MANIFEST_UNKNOWN', 'OCI manifest found, but accept header does not support OCI manifests');
  }
  const body = Buffer.from(manifest.body, 'utf8');
  ctx.res.writeHead(200, { 'Content-Type': manifest.mediaType, 'Content-Length': body.length, 'Docker-Content-Digest': manifest.digest, ETag: `"${manifest.digest}"` });
  ctx.res.end(ctx.method === 'HEAD' ? undefined : body);
}

function manifests(ctx: RequestContext, auth: AuthSettings, name: string, reference: string): void {
  if (ctx.method === 'GET' || ctx.method === 'HEAD') {
    getManifest(ctx, auth, name, reference);
  } else if (ctx.method === 'PUT') {
    authorize(ctx, auth, scope(name, 'pull', 'push'));
    const digest = putManifest(ctx.registry, name, reference, ctx.req.headers['content-type'], ctx.body);
    sendEmpty(ctx.res, 201, { 'Docker-Content-Digest': digest, Location: `/v2/${name}/manifests/${digest}` });
  } else if (ctx.method === 'DELETE') {
    authorize(ctx, auth, scope(name, 'delete'));
    if (!DIGEST_PATTERN.test(reference)) {
      throw new RegistryError(400, 'UNSUPPORTED', 'manifests can only be deleted by digest');
    }
    deleteManifest(ctx.registry, name, reference);
    sendEmpty(ctx.res, 202);
  } else {
    throw methodNotAllowed();
  }
}

function blob(ctx: RequestContext, auth: AuthSettings, name: string, digest: string): void {
  if (ctx.method === 'DELETE') {
    authorize(ctx, auth, scope(name, 'delete'));
    if (!ctx.registry.blobs.has(digest)) {
      throw blobUnknown(digest);
    }
    sendEmpty(ctx.res, 202, { 'Docker-Content-Digest': digest });
    return;
  }
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
    throw methodNotAllowed();
  }
  authorize(ctx, auth, scope(name, 'pull'));
  const repository: RepositoryRecord | undefined = ctx.registry.repositories.get(name);
  if (repository && !repository.attributes.readEnabled) {
    throw disallowed();
  }
  const data = ctx.registry.blobs.get(digest);
  if (!data) {
    throw blobUnknown(digest);
  }
  const range = /^bytes=(\d+)-(\d*)$/.exec(ctx.req.headers.range ?? '');
  const headers = { 'Content-Type': 'application/octet-stream', 'Docker-Content-Digest': digest, 'Accept-Ranges': 'bytes' };
  if (range?.[1] !== undefined) {
    const start = Number(range[1]);
    const end = range[2] ? Math.min(Number(range[2]), data.length - 1) : data.length - 1;
    if (start > end) {
      ctx.res.writeHead(416, { 'Content-Range': `bytes */${data.length}`, 'Content-Length': 0 });
      ctx.res.end();
      return;
    }
    const part = data.subarray(start, end + 1);
    ctx.res.writeHead(206, { ...headers, 'Content-Length': part.length, 'Content-Range': `bytes ${start}-${end}/${data.length}` });
    ctx.res.end(ctx.method === 'HEAD' ? undefined : part);
    return;
  }
  ctx.res.writeHead(200, { ...headers, 'Content-Length': data.length });
  ctx.res.end(ctx.method === 'HEAD' ? undefined : data);
}

function uploadLocation(name: string, id: string): string {
  return `/v2/${name}/blobs/uploads/${id}?_nouploadcache=false&_state=${id}`;
}

function completeBlob(ctx: RequestContext, name: string, data: Buffer, expected: string): void {
  if (!DIGEST_PATTERN.test(expected) || sha256Digest(data) !== expected) {
    throw badRequest('DIGEST_INVALID', 'provided digest did not match uploaded content', { digest: expected });
  }
  ctx.registry.blobs.set(expected, data);
  sendEmpty(ctx.res, 201, { 'Docker-Content-Digest': expected, Location: `/v2/${name}/blobs/${expected}` });
}

function startUpload(ctx: RequestContext, auth: AuthSettings, name: string): void {
  if (ctx.method !== 'POST') {
    throw methodNotAllowed();
  }
  authorize(ctx, auth, scope(name, 'pull', 'push'));
  const repository = ctx.registry.repositories.get(name);
  if (repository && !repository.attributes.writeEnabled) {
    throw disallowed();
  }
  const mount = ctx.query.get('mount');
  if (mount && ctx.registry.blobs.has(mount)) {
    sendEmpty(ctx.res, 201, { 'Docker-Content-Digest': mount, Location: `/v2/${name}/blobs/${mount}` });
    return;
  }
  const digest = ctx.query.get('digest');
  if (digest) {
    completeBlob(ctx, name, ctx.body, digest);
    return;
  }
  const id = randomUUID();
  ctx.registry.uploads.set(id, { repository: name, chunks: [], size: 0 });
  sendEmpty(ctx.res, 202, { Location: uploadLocation(name, id), Range: '0-0', 'Docker-Upload-Uuid': id });
}

function upload(ctx: RequestContext, auth: AuthSettings, name: string, id: string): void {
  authorize(ctx, auth, scope(name, 'pull', 'push'));
  const session = ctx.registry.uploads.get(id);
  if (!session || session.repository !== name) {
    throw new RegistryError(404, 'BLOB_UPLOAD_UNKNOWN', 'blob upload unknown to registry', { id });
  }
  const range = (): string => `0-${Math.max(session.size - 1, 0)}`;
  if (ctx.method === 'PATCH' || ctx.method === 'PUT') {
    if (ctx.body.length > 0) {
      session.chunks.push(ctx.body);
      session.size += ctx.body.length;
    }
    if (ctx.method === 'PATCH') {
      sendEmpty(ctx.res, 202, { Location: uploadLocation(name, id), Range: range(), 'Docker-Upload-Uuid': id });
      return;
    }
    ctx.registry.uploads.delete(id);
    completeBlob(ctx, name, Buffer.concat(session.chunks), ctx.query.get('digest') ?? '');
  } else if (ctx.method === 'GET') {
    sendEmpty(ctx.res, 204, { Location: uploadLocation(name, id), Range: range(), 'Docker-Upload-Uuid': id });
  } else if (ctx.method === 'DELETE') {
    ctx.registry.uploads.delete(id);
    sendEmpty(ctx.res, 204);
  } else {
    throw methodNotAllowed();
  }
}

/** Routes a request whose decoded path starts with `/v2/`. */
export function handleV2(ctx: RequestContext, auth: AuthSettings): void {
  const rest = ctx.path.slice('/v2/'.length);
  let m: RegExpExecArray | null;
  if (rest === '') {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      throw methodNotAllowed();
    }
    authorize(ctx, auth, undefined);
    sendJson(ctx.res, 200, {});
  } else if (rest === '_catalog') {
    catalog(ctx, auth);
  } else if ((m = /^(.+)\/tags\/list$/.exec(rest)) && m[1]) {
    tagsList(ctx, auth, m[1]);
  } else if ((m = /^(.+)\/manifests\/([^/]+)$/.exec(rest)) && m[1] && m[2]) {
    manifests(ctx, auth, m[1], m[2]);
  } else if ((m = /^(.+)\/blobs\/uploads\/?$/.exec(rest)) && m[1]) {
    startUpload(ctx, auth, m[1]);
  } else if ((m = /^(.+)\/blobs\/uploads\/([^/]+)$/.exec(rest)) && m[1] && m[2]) {
    upload(ctx, auth, m[1], m[2]);
  } else if ((m = /^(.+)\/blobs\/([^/]+)$/.exec(rest)) && m[1] && m[2]) {
    blob(ctx, auth, m[1], m[2]);
  } else {
    throw notFound();
  }
}
