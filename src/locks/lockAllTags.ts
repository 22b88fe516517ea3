/**
 * Lock All Tags… / Unlock All Tags… as one use-case, without UI: hold the repository (a second run
 * on it waits), list every tag (each already carries its attributes), keep those the filter
 * matches, ask through `confirm` when something needs to change, change only the tags not yet as
 * wanted (every answer verified), and release the repository whatever happens. The caller words it:
 * `listing` and `changing` wrap the two phases in its own progress (and hand in the signal).
 */
import { effectiveChange, isEmptyChange, type LockChange } from './attributes';
import { type LockClient } from './client';
import { type LockEngine, type RunOptions, type RunReport } from './engine';
import { type ServerWait } from './run/bulk';
import { type TagInfo } from '../registry/models';
import { tagGlob } from '../util/glob';

/** What Lock All Tags found before changing anything. */
export interface TagPlan {
  readonly repository: string;
  /** Tags matching the filter. */
  readonly tags: readonly TagInfo[];
  /** How many of them need a change. */
  readonly pending: number;
  /** Every tag listed (before the filter). */
  readonly listed: number;
}

export type TagRunResult =
  | { readonly outcome: 'nothingToChange'; readonly plan: TagPlan }
  | { readonly outcome: 'declined'; readonly plan: TagPlan }
  | { readonly outcome: 'done'; readonly plan: TagPlan; readonly report: RunReport<TagInfo> };

/** What the reserve-and-list phase reports, and its cancellation. */
export interface ListingPhase {
  readonly signal?: AbortSignal;
  /** Once, when another run holds the repository and this one waits for it. */
  readonly onBusy?: () => void;
  /** After each page: the tags listed so far. */
  readonly onPage?: (items: number) => void;
  /** A wait the registry asked for while listing. */
  readonly onWait?: (wait: ServerWait) => void;
}

export interface AllTagsOptions extends RunOptions<TagInfo> {
  readonly filter?: (name: string) => boolean;
  /** Asked before anything is changed (only when something needs to); false ends the run. */
  readonly confirm?: (plan: TagPlan) => Promise<boolean>;
  readonly onBusy?: () => void;
  readonly onListed?: (items: number) => void;
  /** Wraps the reserve-and-list phase (e.g. in a progress notification); default: the run's signal and callbacks. */
  readonly listing?: <R>(work: (phase: ListingPhase) => Promise<R>) => Promise<R>;
  /** Wraps the change phase; the run options it hands in are used for the change. Default: these options. */
  readonly changing?: (plan: TagPlan, work: (run: RunOptions<TagInfo>) => Promise<RunReport<TagInfo>>) => Promise<RunReport<TagInfo>>;
}

/**
 * The tag filter the user typed (`v*`, `release-?`): a tag glob (case-sensitive, `*` within one
 * segment), the same dialect as the filter box and policy rules; empty text means every tag.
 */
export function tagFilterOf(text: string): ((name: string) => boolean) | undefined {
  const pattern = text.trim();
  return pattern === '' ? undefined : tagGlob(pattern);
}

/** The matching tags and how many of them need `change`. */
export function planTags(repository: string, listed: readonly TagInfo[], change: LockChange, filter?: (name: string) => boolean): TagPlan {
  const tags = filter ? listed.filter((t) => filter(t.name)) : [...listed];
  const pending = tags.filter((t) => !isEmptyChange(effectiveChange(t.attributes, change))).length;
  return { repository, tags, pending, listed: listed.length };
}

export async function changeAllTags(engine: LockEngine, client: LockClient, repository: string, change: LockChange, options: AllTagsOptions): Promise<TagRunResult> {
  const listing = options.listing ?? (<R>(work: (phase: ListingPhase) => Promise<R>): Promise<R> => work({ signal: options.signal, onBusy: options.onBusy, onPage: options.onListed, onWait: options.onWait }));
  const held = await listing(async (phase) => {
    const run = await engine.reserveRepository(client, repository, { signal: phase.signal, onBusy: phase.onBusy });
    try {
      return { run, listed: await run.listTags({ signal: phase.signal, onPage: phase.onPage, onWait: phase.onWait }) };
    } catch (error: unknown) {
      run.release();
      throw error;
    }
  });
  const { run } = held;
  try {
    const plan = planTags(repository, held.listed, change, options.filter);
    if (plan.pending === 0) {
      return { outcome: 'nothingToChange', plan };
    }
    if (options.confirm && !(await options.confirm(plan))) {
      return { outcome: 'declined', plan };
    }
    const work = (runOptions: RunOptions<TagInfo>): Promise<RunReport<TagInfo>> => run.changeTags(plan.tags, change, runOptions);
    const report = options.changing ? await options.changing(plan, work) : await work(options);
    return { outcome: 'done', plan, report };
  } finally {
    run.release();
  }
}
