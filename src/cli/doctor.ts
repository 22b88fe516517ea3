/**
 * `acr-locks doctor` and apply's permission check: who is signed in, whether the registry
 * answers, and whether that identity may list the catalog, read and change metadata (the lock
 * flags) — learnt from the scopes ACR's token service grants (registry/access.ts), so nothing is
 * changed. apply asks for `metadata_write` on every repository it is about to change and stops
 * before the first PATCH when one is missing, with the fix in words.
 */
import { type AccessProbe, isGranted, probeAccess, type ProbedIdentity } from '../registry/access';
import { type AuditIdentity } from '../locks/audit';
import { describeFailure } from './errors';
import { connect, type RunContext } from './registryRun';
import { table } from './table';
import { terminalText } from '../util/safeText';

/** Scopes per token request when apply checks many repositories. */
const SCOPES_PER_REQUEST = 25;

export const WRITE_FIX =
  'AcrPush and AcrPull cannot change locks; assign Container Registry Repository Writer (registries with ABAC repository permissions), ' +
  'Contributor, or a custom role with Microsoft.ContainerRegistry/registries/metadata/write — or, for a repository-scoped token, add metadata_write to its scope map.';
export const READ_FIX =
  'assign AcrPull, Container Registry Repository Reader (ABAC) or a role with Microsoft.ContainerRegistry/registries/metadata/read — or, for a repository-scoped token, add metadata_read to its scope map.';
export const CATALOG_FIX =
  'listing repositories needs registry:catalog:* — AcrPull or Container Registry Repository Catalog Lister (ABAC); repository-scoped tokens never list the catalog, so name repositories in the policy or use --repository.';

export function identityText(identity: ProbedIdentity): string {
  switch (identity.kind) {
    case 'adminUser':
      return `admin user ${identity.username ?? ''}`;
    case 'tokenUser':
      return `repository-scoped token ${identity.username ?? ''}`;
    case 'azureAd': {
      const ids = [
        identity.principalType === undefined ? undefined : `type ${identity.principalType}`,
        identity.objectId === undefined ? undefined : `object id ${identity.objectId}`,
        identity.clientId === undefined ? undefined : `client id ${identity.clientId}`,
        identity.tenantId === undefined ? undefined : `tenant ${identity.tenantId}`,
      ].filter((p) => p !== undefined);
      return `Azure AD principal${ids.length > 0 ? ` (${ids.join(', ')})` : ''}`;
    }
    case 'anonymous':
      return 'anonymous (no sign-in)';
  }
}

export function auditIdentity(identity: ProbedIdentity | undefined): AuditIdentity {
  if (identity === undefined) {
    return { kind: 'unknown' };
  }
  const id = identity.kind === 'azureAd' ? identity.objectId ?? identity.subject : identity.username;
  return {
    kind: identity.kind,
    ...(id === undefined ? {} : { id }),
    ...(identity.clientId === undefined ? {} : { clientId: identity.clientId }),
    ...(identity.tenantId === undefined ? {} : { tenantId: identity.tenantId }),
  };
}

function probe(loginServer: string, scopes: readonly string[], context: RunContext, onRequest?: () => void): Promise<AccessProbe> {
  return probeAccess({
    loginServer,
    auth: context.auth,
    scopes,
    ...(context.httpClient === undefined ? {} : { httpClient: context.httpClient }),
    limits: context.limits,
    trustedCustomDomain: context.trustCustomDomain === loginServer,
    ...(context.logger === undefined ? {} : { logger: context.logger }),
    signal: context.signal,
    ...(onRequest === undefined ? {} : { onRequest }),
  });
}

export interface WriteCheck {
  readonly ok: boolean;
  readonly identity?: ProbedIdentity;
  /** Repositories without metadata_write. */
  readonly missing: readonly string[];
  readonly message?: string;
}

/** apply's check: may this identity change metadata on every one of `repositories`? Nothing is changed. */
export async function checkWriteAccess(loginServer: string, repositories: readonly string[], context: RunContext, onRequest?: () => void): Promise<WriteCheck> {
  const missing: string[] = [];
  let identity: ProbedIdentity | undefined;
  for (let i = 0; i < repositories.length; i += SCOPES_PER_REQUEST) {
    const batch = repositories.slice(i, i + SCOPES_PER_REQUEST);
    const result = await probe(loginServer, batch.map((r) => `repository:${r}:metadata_read,metadata_write`), context, onRequest);
    identity = result.identity;
    for (const repository of batch) {
      if (!isGranted(result.granted, 'repository', repository, 'metadata_write')) {
        missing.push(repository);
      }
    }
  }
  if (missing.length === 0) {
    return { ok: true, ...(identity === undefined ? {} : { identity }), missing };
  }
  const who = identity === undefined ? 'this identity' : identityText(identity);
  const names = missing.slice(0, 5).join(', ') + (missing.length > 5 ? ` and ${missing.length - 5} more` : '');
  return {
    ok: false,
    ...(identity === undefined ? {} : { identity }),
    missing,
    message:
      `${loginServer}: ${who} cannot change locks on ${names} (metadata_write not granted); nothing was changed. ` +
      `${WRITE_FIX} Check with: acr-locks doctor --registry ${loginServer} --repository ${missing[0]}`,
  };
}

export interface DoctorReport {
  readonly loginServer: string;
  readonly reachable: boolean;
  readonly reachableStatus?: number;
  readonly identity?: ProbedIdentity;
  readonly repository?: string;
  readonly canListCatalog?: boolean;
  readonly canReadMetadata?: boolean;
  readonly canWriteMetadata?: boolean;
  readonly problems: readonly string[];
  readonly requests: number;
  readonly error?: string;
}

/** The first repository of the catalog, when the identity may list it and none was named. */
async function firstRepository(loginServer: string, context: RunContext, onRequests: (n: number) => void): Promise<string | undefined> {
  const connection = connect(loginServer, context);
  try {
    const page = await connection.client.listRepositories({ pageSize: 1 });
    return page.items[0];
  } finally {
    onRequests(connection.requests());
  }
}

export async function runDoctor(loginServer: string, repositoryOption: string | undefined, context: RunContext): Promise<DoctorReport> {
  let requests = 0;
  const count = (): void => void (requests += 1);
  const problems: string[] = [];
  try {
    const catalog = await probe(loginServer, ['registry:catalog:*'], context, count);
    const canListCatalog = isGranted(catalog.granted, 'registry', 'catalog', '*');
    let repository = repositoryOption;
    if (repository === undefined && canListCatalog) {
      repository = await firstRepository(loginServer, context, (n) => (requests += n)).catch(() => undefined);
    }
    if (!canListCatalog) {
      problems.push(`this identity cannot list the repositories (registry:catalog:* not granted): ${CATALOG_FIX}`);
    }
    if (repository === undefined) {
      problems.push('no repository to check metadata permissions on: give --repository REPO.');
      return { loginServer, reachable: true, reachableStatus: catalog.reachableStatus, identity: catalog.identity, canListCatalog, problems, requests };
    }
    const metadata = await probe(loginServer, [`repository:${repository}:metadata_read,metadata_write`], context, count);
    const canReadMetadata = isGranted(metadata.granted, 'repository', repository, 'metadata_read');
    const canWriteMetadata = isGranted(metadata.granted, 'repository', repository, 'metadata_write');
    if (!canReadMetadata) {
      problems.push(`this identity cannot read lock flags of ${repository} (metadata_read not granted): ${READ_FIX}`);
    }
    if (!canWriteMetadata) {
      problems.push(`this identity cannot change locks (metadata_write not granted on ${repository}): ${WRITE_FIX}`);
    }
    return { loginServer, reachable: true, reachableStatus: catalog.reachableStatus, identity: metadata.identity, repository, canListCatalog, canReadMetadata, canWriteMetadata, problems, requests };
  } catch (thrown: unknown) {
    const error = describeFailure(thrown, loginServer);
    const kind = thrown instanceof Error && 'kind' in thrown ? String(thrown.kind) : '';
    const reachable = kind !== 'unreachable' && kind !== 'certificate' && kind !== 'crossOrigin';
    return { loginServer, reachable, problems: [error], requests, error };
  }
}

function yes(value: boolean | undefined): string {
  return value === undefined ? 'not checked' : value ? 'yes' : 'NO';
}

export function doctorText(report: DoctorReport): string {
  const rows: string[][] = [
    ['registry', report.loginServer],
    ['reachable', report.reachable ? `yes${report.reachableStatus === undefined ? '' : ` (GET /v2/ answered ${report.reachableStatus})`}` : 'NO'],
    ['signed in as', report.identity === undefined ? 'unknown' : identityText(report.identity)],
    ['list repositories (registry:catalog:*)', yes(report.canListCatalog)],
    [`read lock flags${report.repository === undefined ? '' : ` of ${report.repository}`} (metadata_read)`, yes(report.canReadMetadata)],
    [`change locks${report.repository === undefined ? '' : ` of ${report.repository}`} (metadata_write)`, yes(report.canWriteMetadata)],
  ];
  const out = [table([{ title: 'CHECK' }, { title: 'RESULT' }], rows.map((r) => r.map(terminalText)))];
  if (report.problems.length > 0) {
    out.push('', 'To fix:', ...report.problems.map((p) => `  - ${terminalText(p)}`));
  } else {
    out.push('', 'This identity can list, read and change locks: acr-locks plan and apply will work.');
  }
  out.push('', 'Nothing was changed: these answers come from the scopes the registry grants this identity.');
  return `${out.join('\n')}\n`;
}

export function doctorJson(report: DoctorReport): Record<string, unknown> {
  return { ...report };
}

/** doctor's exit code: 0 when the identity can change locks, 1 otherwise. */
export function doctorExit(report: DoctorReport): number {
  return report.error === undefined && report.canWriteMetadata === true ? 0 : 1;
}
