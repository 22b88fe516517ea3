/** What every command receives: built once per activation in extension.ts, never reached through globals. */
import type * as vscode from 'vscode';
import { type AuthFactory } from './auth/authFactory';
import { type PasswordStore } from './auth/secrets';
import { type TrustedDomains } from './auth/trustedDomains';
import { type LockDocuments } from './ui/documents';
import { type WhyPanels } from './ui/whyPanel';
import { type Connections } from './connections';
import { type LockEngine } from './locks/engine';
import { type PolicyWorkspace } from './policy/vscode/workspace';
import { type Telemetry } from './telemetry/telemetry';
import { type Explorer } from './tree/explorer';
import { type DeployedIndex } from './tree/deployed';
import { type Ui } from './ui/ui';

/** Work started by a command that outlives it (a notification's action), tracked so tests can await it. */
export interface FollowUps {
  add(work: Promise<void>): void;
  /** Resolves when every follow-up started so far has settled. */
  idle(): Promise<void>;
}

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly explorer: Explorer;
  readonly connections: Connections;
  readonly auth: AuthFactory;
  readonly passwords: PasswordStore;
  /** Login servers (not ACR domains) the user confirmed for the Azure sign-in token. */
  readonly trust: TrustedDomains;
  readonly engine: LockEngine;
  readonly documents: LockDocuments;
  /** The workspace's lock policy: its files, diagnostics, last check and marks. */
  readonly policy: PolicyWorkspace;
  /** What the deployment files reference (the tree's deployed and orphan marks), after a scan. */
  readonly deployed: DeployedIndex;
  /** The rendered "Why is this protected?" pages. */
  readonly why: WhyPanels;
  readonly log: vscode.LogOutputChannel;
  readonly telemetry: Telemetry;
  readonly followUps: FollowUps;
  /** Prompts, messages, progress (tests replace it through the extension's API). */
  ui: Ui;
  /** Restricted Mode (workspaceTrust.ts): false = commands that send are refused. Absent = trusted. */
  readonly workspaceTrusted?: () => boolean;
}

export function createFollowUps(): FollowUps {
  const pending = new Set<Promise<void>>();
  return {
    add(work) {
      const tracked = work.finally(() => pending.delete(tracked));
      pending.add(tracked);
    },
    async idle() {
      while (pending.size > 0) {
        await Promise.allSettled([...pending]);
      }
    },
  };
}
