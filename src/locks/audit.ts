/**
 * The audit trail of lock changes: one JSON line per change — when, which tool and version, who
 * (ids and user names, never a secret), which registry and target, the flags before and after,
 * the rule or command that caused it, and the run's id. ACR's own logs record pushes, pulls and
 * deletes, not changes of these flags, so this file is the record of them. Pure logic: the
 * caller appends the lines (the CLI to `--audit-log FILE`) and reads them back for a summary.
 */
import { FLAG_NAMES, type LockAttributes } from './attributes';
import { type LockTarget } from '../registry/models';

export const AUDIT_SCHEMA = 'acr-locks.audit/v1';

export interface AuditIdentity {
  /** adminUser, tokenUser, azureAd, anonymous, or what the caller knows (`unknown`). */
  readonly kind: string;
  /** User name, or the Azure AD object id; never a password or token. */
  readonly id?: string;
  readonly clientId?: string;
  readonly tenantId?: string;
}

export interface AuditRecord {
  readonly schema: typeof AUDIT_SCHEMA;
  /** ISO 8601, when the registry answered. */
  readonly time: string;
  readonly tool: { readonly name: string; readonly version: string };
  readonly runId: string;
  readonly identity: AuditIdentity;
  readonly registry: string;
  readonly target: LockTarget;
  readonly before: LockAttributes;
  /** As the registry answered the change (read back), else what was sent on top of `before`. */
  readonly after: LockAttributes;
  /** `changed`: the answer confirms it; `maybeApplied`: cancelled while on its way (run plan to see). */
  readonly outcome: 'changed' | 'maybeApplied';
  /** What caused it: the command, and the policy rules (with the policy file) or the extension's command. */
  readonly cause: { readonly command: string; readonly rules?: readonly string[]; readonly policyFile?: string };
}

/** One line: JSON (which escapes control characters) ending in `\n`; only the record's own fields, in a fixed order. */
export function auditLine(record: AuditRecord): string {
  const flags = (a: LockAttributes): LockAttributes => Object.fromEntries(FLAG_NAMES.map((f) => [f, a[f]])) as unknown as LockAttributes;
  const ordered: AuditRecord = {
    schema: AUDIT_SCHEMA,
    time: record.time,
    tool: { name: record.tool.name, version: record.tool.version },
    runId: record.runId,
    identity: {
      kind: record.identity.kind,
      ...(record.identity.id === undefined ? {} : { id: record.identity.id }),
      ...(record.identity.clientId === undefined ? {} : { clientId: record.identity.clientId }),
      ...(record.identity.tenantId === undefined ? {} : { tenantId: record.identity.tenantId }),
    },
    registry: record.registry,
    target: record.target,
    before: flags(record.before),
    after: flags(record.after),
    outcome: record.outcome,
    cause: record.cause,
  };
  return `${JSON.stringify(ordered).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

function isFlags(value: unknown): value is LockAttributes {
  return value !== null && typeof value === 'object' && FLAG_NAMES.every((f) => typeof (value as Record<string, unknown>)[f] === 'boolean');
}

function isRecord(value: unknown): value is AuditRecord {
  if (value === null || typeof value !== 'object') {
    return false;
  }
  const v = value as Record<string, unknown>;
  const target = v.target as Record<string, unknown> | undefined;
  return (
    v.schema === AUDIT_SCHEMA &&
    typeof v.time === 'string' &&
    typeof v.registry === 'string' &&
    typeof v.runId === 'string' &&
    target !== undefined &&
    typeof target.repository === 'string' &&
    (target.kind === 'repository' || target.kind === 'tag' || target.kind === 'manifest') &&
    isFlags(v.before) &&
    isFlags(v.after) &&
    v.identity !== null &&
    typeof v.identity === 'object'
  );
}

export interface ParsedAuditLog {
  readonly records: AuditRecord[];
  /** 1-based numbers of lines that are not audit records (kept out of the summary, reported). */
  readonly badLines: number[];
}

export function parseAuditLog(text: string): ParsedAuditLog {
  const records: AuditRecord[] = [];
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') {
      return;
    }
    try {
      const parsed: unknown = JSON.parse(line);
      if (isRecord(parsed)) {
        records.push(parsed);
        return;
      }
    } catch {
      // counted below
    }
    badLines.push(index + 1);
  });
  return { records, badLines };
}

export interface AuditTargetSummary {
  readonly registry: string;
  readonly target: string;
  readonly changes: number;
  readonly who: readonly string[];
  readonly first: string;
  readonly last: string;
  /** The flags after the latest change. */
  readonly latest: LockAttributes;
}

export interface AuditSummary {
  readonly records: number;
  readonly runs: number;
  readonly registries: readonly { readonly registry: string; readonly changes: number; readonly targets: number; readonly who: readonly string[]; readonly first: string; readonly last: string }[];
  readonly targets: readonly AuditTargetSummary[];
}

export function identityLabel(identity: AuditIdentity): string {
  return identity.id === undefined ? identity.kind : `${identity.id} (${identity.kind})`;
}

function targetText(target: LockTarget): string {
  return target.kind === 'tag' ? `${target.repository}:${target.tag}` : target.kind === 'manifest' ? `${target.repository}@${target.digest}` : target.repository;
}

export function summariseAudit(records: readonly AuditRecord[]): AuditSummary {
  const sorted = [...records].sort((a, b) => a.time.localeCompare(b.time));
  const targets = new Map<string, { registry: string; target: string; changes: number; who: Set<string>; first: string; last: string; latest: LockAttributes }>();
  const registries = new Map<string, { changes: number; targets: Set<string>; who: Set<string>; first: string; last: string }>();
  for (const r of sorted) {
    const target = targetText(r.target);
    const key = `${r.registry.toLowerCase()} ${target}`;
    const who = identityLabel(r.identity);
    const t = targets.get(key) ?? { registry: r.registry, target, changes: 0, who: new Set<string>(), first: r.time, last: r.time, latest: r.after };
    t.changes += 1;
    t.who.add(who);
    t.last = r.time;
    t.latest = r.after;
    targets.set(key, t);
    const g = registries.get(r.registry) ?? { changes: 0, targets: new Set<string>(), who: new Set<string>(), first: r.time, last: r.time };
    g.changes += 1;
    g.targets.add(target);
    g.who.add(who);
    g.last = r.time;
    registries.set(r.registry, g);
  }
  return {
    records: records.length,
    runs: new Set(records.map((r) => r.runId)).size,
    registries: [...registries].map(([registry, g]) => ({ registry, changes: g.changes, targets: g.targets.size, who: [...g.who], first: g.first, last: g.last })),
    targets: [...targets.values()].map((t) => ({ ...t, who: [...t.who] })),
  };
}
