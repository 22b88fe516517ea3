/**
 * The lock engine: apply a change to one target or to many (over the bulk runner), change every
 * tag of a repository (one run per repository at a time), read an image's protection, and keep
 * the history of changes made. No VS Code: the extension, a command-line tool or a pipeline
 * drive it with progress callbacks and an AbortSignal, and word its results themselves.
 */
import { type LockAttributes, type LockChange } from './attributes';
import { type AllTagsOptions, changeAllTags, type TagRunResult } from './lockAllTags';
import { type BulkOutcome, type BulkReport, type ItemDone, runBulk, type ServerWait } from './run/bulk';
import { cancelledError } from '../registry/errors';
import { type LockTarget, type TagInfo } from '../registry/models';
import { applyChange, type ApplyOptions, type ChangeResult } from './apply';
import { type LockClient } from './client';
import { ChangeHistory } from './history';
import { RepositoryLeases } from './run/leases';
import { listAllTags, type ListingOptions } from './listing';
import { readProtection, type ProtectionRead } from './readProtection';

/** How a run over many items goes: its concurrency, cancellation and what it reports on the way. */
export interface RunOptions<T = unknown> {
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  /** After each item, with its outcome (the registry's answer in `value`, so views can redraw it at once). */
  readonly onProgress?: (done: number, total: number, outcome: BulkOutcome<T, ChangeResult>) => void;
  /** A wait before retrying: what the registry asked for (capped), or backoff. */
  readonly onWait?: (wait: ServerWait) => void;
  /** Consecutive registry-wide failures after which the run stops (the rest: not attempted). */
  readonly maxConsecutiveFailures?: number;
}

/** One target of a run over many, with the client of its registry. */
export interface LockItem {
  readonly client: LockClient;
  readonly target: LockTarget;
  /** This item's own change (a policy wants different flags on different items); else the run's. */
  readonly change?: LockChange;
  /** The item's attributes as a listing just reported them: no read before the change (as changeTags). */
  readonly known?: LockAttributes;
}

export type RunReport<T> = BulkReport<T, ChangeResult>;

export interface ReserveOptions {
  readonly signal?: AbortSignal;
  /** Called once when another run holds the repository and this one waits for it. */
  readonly onBusy?: () => void;
}

/** A repository held by one run: list its tags and change them, then release it. */
export interface RepositoryRun {
  readonly loginServer: string;
  readonly repository: string;
  /** Every tag (pages of 1000, bounded, cancellable), read while the repository is held. */
  listTags(options?: ListingOptions): Promise<TagInfo[]>;
  /** Changes `tags` from their listed attributes: only differing flags are sent, every answer verified. */
  changeTags(tags: readonly TagInfo[], change: LockChange, options: RunOptions<TagInfo>): Promise<RunReport<TagInfo>>;
  /** Lets the next run on this repository start; idempotent. */
  release(): void;
}

export interface EngineOptions {
  /** Every change the registry confirmed, as it is made (the extension's audit trail). */
  readonly onChanged?: (loginServer: string, result: ChangeResult) => void;
}

export class LockEngine {
  /** The changes this engine made, latest per target. */
  readonly history = new ChangeHistory();
  private readonly leases = new RepositoryLeases();

  constructor(private readonly options: EngineOptions = {}) {}

  /** One change to one target, verified; recorded in the history (and reported) when something was sent. */
  async apply(client: LockClient, target: LockTarget, change: LockChange, options: ApplyOptions = {}): Promise<ChangeResult> {
    const result = await applyChange(client, target, change, options);
    if (result.status === 'changed') {
      this.history.record({ loginServer: client.loginServer, target, change: result.sent });
      this.options.onChanged?.(client.loginServer, result);
    }
    return result;
  }

  /**
   * One change to many targets (each read fresh unless the item says what a listing just read,
   * then changed and verified) over the bulk runner; an item's own `change` wins over `change`.
   */
  applyMany<T extends LockItem>(items: readonly T[], change: LockChange, options: RunOptions<T>): Promise<RunReport<T>> {
    return runBulk<T, ChangeResult>(
      items,
      async (item, signal): Promise<ItemDone<ChangeResult>> => {
        // The run retries each item (runBulk); its requests make one attempt each.
        const result = await this.apply(item.client, item.target, item.change ?? change, { signal, retry: false, ...(item.known ? { known: item.known } : {}) });
        return { status: result.status, value: result };
      },
      options,
    );
  }

  /** Whether another run holds the repository now. */
  isBusy(loginServer: string, repository: string): boolean {
    return this.leases.isBusy(RepositoryLeases.key(loginServer, repository));
  }

  /** Holds `repository` for one run, waiting (cancellable) while another run holds it. */
  async reserveRepository(client: LockClient, repository: string, options: ReserveOptions = {}): Promise<RepositoryRun> {
    const key = RepositoryLeases.key(client.loginServer, repository);
    if (this.leases.isBusy(key)) {
      options.onBusy?.();
    }
    const release = await this.leases.acquire(key, options.signal, () => cancelledError());
    let held = true;
    const ensureHeld = (): void => {
      if (!held) {
        throw new Error(`${repository} was released; reserve it again.`);
      }
    };
    return {
      loginServer: client.loginServer,
      repository,
      listTags: (listing) => {
        ensureHeld();
        return listAllTags(client, repository, listing);
      },
      changeTags: (tags, change, run) => {
        ensureHeld();
        return runBulk<TagInfo, ChangeResult>(
          tags,
          async (tag, signal): Promise<ItemDone<ChangeResult>> => {
            const target: LockTarget = { kind: 'tag', repository, tag: tag.name };
            const result = await this.apply(client, target, change, { signal, known: tag.attributes, retry: false });
            return { status: result.status, value: result };
          },
          run,
        );
      },
      release: () => {
        held = false;
        release();
      },
    };
  }

  /** Lock All Tags… / Unlock All Tags…: one call that lists, plans, asks, changes and releases (lockAllTags.ts). */
  changeAllTags(client: LockClient, repository: string, change: LockChange, options: AllTagsOptions): Promise<TagRunResult> {
    return changeAllTags(this, client, repository, change, options);
  }

  readProtection(client: LockClient, target: LockTarget, options: { readonly signal?: AbortSignal } = {}): Promise<ProtectionRead> {
    return readProtection(client, target, options);
  }
}
