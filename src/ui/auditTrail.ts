/**
 * The extension's audit trail: every lock change the registry confirmed is one JSON line
 * (src/locks/audit.ts: time, tool and version, identity — never a secret —, registry, target,
 * flags before and after, the command that caused it, this window's run id) in the ACR Image
 * Locks log, and appended to the file `acrLocks.auditLog` names (user or machine setting only).
 * ACR itself records pushes, pulls and deletes, not these changes.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import * as vscode from 'vscode';
import { type RegistryConfig } from '../config';
import { applyChange as withChange } from '../locks/attributes';
import { AUDIT_SCHEMA, type AuditIdentity, auditLine } from '../locks/audit';
import { type ChangeResult } from '../locks/apply';

/** The command a change runs under (the commands' boundary sets it; changes read it). */
export const commandScope = new AsyncLocalStorage<string>();

/** Who makes the change, from the registry's sign-in setting: a user name, never a password or token. */
export function identityOf(config: RegistryConfig | undefined): AuditIdentity {
  switch (config?.auth) {
    case 'password':
      return { kind: 'password', ...(config.username ? { id: config.username } : {}) };
    case 'microsoft':
      return { kind: 'microsoftAccount' };
    case 'azureIdentity':
      return { kind: 'azureIdentity' };
    case 'anonymous':
      return { kind: 'anonymous' };
    default:
      return { kind: 'unknown' };
  }
}

export class AuditTrail {
  private readonly runId = randomUUID();
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly configOf: (loginServer: string) => RegistryConfig | undefined,
    private readonly version: string,
  ) {}

  record(loginServer: string, result: ChangeResult): void {
    const line = auditLine({
      schema: AUDIT_SCHEMA,
      time: new Date().toISOString(),
      tool: { name: 'acr-image-locks (VS Code)', version: this.version },
      runId: this.runId,
      identity: identityOf(this.configOf(loginServer)),
      registry: loginServer,
      target: result.target,
      before: result.before,
      after: result.info?.attributes ?? withChange(result.before, result.sent),
      outcome: 'changed',
      cause: { command: commandScope.getStore() ?? 'unknown' },
    });
    this.log.info(`audit ${line.trimEnd()}`);
    const file = vscode.workspace.getConfiguration('acrLocks').get<string>('auditLog', '').trim();
    if (file === '') {
      return;
    }
    if (!isAbsolute(file)) {
      this.log.warn('acrLocks.auditLog must be an absolute path; the audit line went to this log only.');
      return;
    }
    this.pending = this.pending
      .then(() => appendFile(file, line, { encoding: 'utf8', mode: 0o600 }))
      .catch((thrown: unknown) => this.log.warn(`acrLocks.auditLog: could not append to ${file}: ${thrown instanceof Error ? thrown.message : String(thrown)}`));
  }

  /** Resolves when every line so far is in the file. */
  flushed(): Promise<void> {
    return this.pending;
  }
}
