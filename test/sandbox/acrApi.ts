/** The ACR metadata API under /acr/v1 (acr-api.md §1.1–1.6). */
import { type RequestContext, sendJson, sendEmpty, jsonBody, methodNotAllowed, notFound } from './http';
import { type AuthSettings, authorize } from './auth';
import { type RepositoryAction } from './scopes';
import { applyAttributes } from './model';
import { requireManifest, requireRepository, requireTag } from './store';
import { manifestView, repositoryView, tagView } from './views';
import { deleteRepository, deleteTag } from './operations';
import { linkHeader, pageRequest, paginate } from './paging';

function repoScope(name: string, action: RepositoryAction): { type: string; name: string; actions: string[] } {
  return { type: 'repository', name, actions: [action] };
}

function catalog(ctx: RequestContext, auth: AuthSettings): void {
  authorize(ctx, auth, { type: 'registry', name: 'catalog', actions: ['*'] });
  const request = pageRequest(ctx.query, false);
  const visible = [...ctx.registry.repositories.values()].filter((r) => r.attributes.listEnabled).map((r) => ({ name: r.name, time: r.lastUpdateTime }));
  const { page, next } = paginate(visible, request);
  const headers: Record<string, string> = next === undefined ? {} : { Link: linkHeader('/acr/v1/_catalog', next, request) };
  sendJson(ctx.res, 200, { repositories: page.map((r) => r.name) }, headers);
}

function listTags(ctx: RequestContext, auth: AuthSettings, name: string): void {
  authorize(ctx, auth, repoScope(name, 'metadata_read'));
  const repository = requireRepository(ctx.registry, name);
  const request = pageRequest(ctx.query, true);
  const digest = ctx.query.get('digest') || undefined;
  const visible = [...repository.tags.values()].filter((t) => t.attributes.listEnabled && (digest === undefined || t.digest === digest)).map((t) => ({ name: t.name, time: t.lastUpdateTime, tag: t }));
  const { page, next } = paginate(visible, request);
  const headers: Record<string, string> = next === undefined ? {} : { Link: linkHeader(`/acr/v1/${encodeURIComponent(name)}/_tags`, next, request, digest ? { digest } : {}) };
  sendJson(ctx.res, 200, { registry: ctx.registry.loginServer, imageName: name, tags: page.map((t) => tagView(t.tag)) }, headers);
}

function tag(ctx: RequestContext, auth: AuthSettings, name: string, tagName: string): void {
  if (ctx.method === 'GET' || ctx.method === 'PATCH') {
    authorize(ctx, auth, repoScope(name, ctx.method === 'GET' ? 'metadata_read' : 'metadata_write'));
    const record = requireTag(requireRepository(ctx.registry, name), tagName);
    if (ctx.method === 'PATCH') {
      applyAttributes(record.attributes, jsonBody(ctx));
    }
    sendJson(ctx.res, 200, { registry: ctx.registry.loginServer, imageName: name, tag: tagView(record) });
  } else if (ctx.method === 'DELETE') {
    authorize(ctx, auth, repoScope(name, 'delete'));
    const digest = deleteTag(ctx.registry, name, tagName);
    sendEmpty(ctx.res, 202, { 'X-Ms-Int-Docker-Content-Digest': digest });
  } else {
    throw methodNotAllowed();
  }
}

function listManifests(ctx: RequestContext, auth: AuthSettings, name: string): void {
  authorize(ctx, auth, repoScope(name, 'metadata_read'));
  const repository = requireRepository(ctx.registry, name);
  const request = pageRequest(ctx.query, true);
  const visible = [...repository.manifests.values()].filter((m) => m.attributes.listEnabled).map((m) => ({ name: m.digest, time: m.lastUpdateTime, manifest: m }));
  const { page, next } = paginate(visible, request);
  const headers: Record<string, string> = next === undefined ? {} : { Link: linkHeader(`/acr/v1/${encodeURIComponent(name)}/_manifests`, next, request) };
  sendJson(ctx.res, 200, { registry: ctx.registry.loginServer, imageName: name, manifests: page.map((m) => manifestView(repository, m.manifest, false)) }, headers);
}

function manifest(ctx: RequestContext, auth: AuthSettings, name: string, reference: string): void {
  if (ctx.method !== 'GET' && ctx.method !== 'PATCH') {
    throw methodNotAllowed();
  }
  authorize(ctx, auth, repoScope(name, ctx.method === 'GET' ? 'metadata_read' : 'metadata_write'));
  const repository = requireRepository(ctx.registry, name);
  const record = requireManifest(repository, reference);
  if (ctx.method === 'PATCH') {
    applyAttributes(record.attributes, jsonBody(ctx));
  }
  sendJson(ctx.res, 200, { registry: ctx.registry.loginServer, imageName: name, manifest: manifestView(repository, record, true) });
}

function repository(ctx: RequestContext, auth: AuthSettings, name: string): void {
  if (ctx.method === 'GET' || ctx.method === 'PATCH') {
    authorize(ctx, auth, repoScope(name, ctx.method === 'GET' ? 'metadata_read' : 'metadata_write'));
    const record = requireRepository(ctx.registry, name);
    if (ctx.method === 'PATCH') {
      applyAttributes(record.attributes, jsonBody(ctx));
    }
    sendJson(ctx.res, 200, repositoryView(ctx.registry, record));
  } else if (ctx.method === 'DELETE') {
    authorize(ctx, auth, repoScope(name, 'delete'));
    sendJson(ctx.res, 202, deleteRepository(ctx.registry, name));
  } else {
    throw methodNotAllowed();
  }
}

/** Routes a request whose decoded path starts with `/acr/v1/`. */
export function handleAcr(ctx: RequestContext, auth: AuthSettings): void {
  const rest = ctx.path.slice('/acr/v1/'.length);
  let m: RegExpExecArray | null;
  if (rest === '_catalog') {
    if (ctx.method !== 'GET') {
      throw methodNotAllowed();
    }
    catalog(ctx, auth);
  } else if (rest.startsWith('_')) {
    throw notFound();
  } else if ((m = /^(.+)\/_tags$/.exec(rest)) && m[1]) {
    if (ctx.method !== 'GET') {
      throw methodNotAllowed();
    }
    listTags(ctx, auth, m[1]);
  } else if ((m = /^(.+)\/_tags\/([^/]+)$/.exec(rest)) && m[1] && m[2]) {
    tag(ctx, auth, m[1], m[2]);
  } else if ((m = /^(.+)\/_manifests$/.exec(rest)) && m[1]) {
    if (ctx.method !== 'GET') {
      throw methodNotAllowed();
    }
    listManifests(ctx, auth, m[1]);
  } else if ((m = /^(.+)\/_manifests\/([^/]+)$/.exec(rest)) && m[1] && m[2]) {
    manifest(ctx, auth, m[1], m[2]);
  } else if (rest.length > 0 && !rest.endsWith('/')) {
    repository(ctx, auth, rest);
  } else {
    throw notFound();
  }
}
