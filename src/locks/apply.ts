/**
 * One change to one target: read its current attributes (unless the caller passes what a listing
 * just said), send only the flags that differ (a PATCH never clobbers the others), and verify the
 * answer: the item counts as changed only when the registry's answer shows every requested flag.
 */
import { effectiveChange, isEmptyChange, type LockAttributes, type LockChange } from './attributes';
import { MaybeAppliedError } from './run/bulk';
import { cancelledError, RegistryError, toRegistryError } from '../registry/errors';
import { type LockTarget, targetLabel } from '../registry/models';
import { type LockClient, type TargetInfo } from './client';
import { ChangeNotAppliedError, WrongItemError } from './errors';

export interface ChangeResult {
  readonly target: LockTarget;
  /** 'unchanged': the item already was in the wanted state; nothing was sent. */
  readonly status: 'changed' | 'unchanged';
  readonly before: LockAttributes;
  /** What was sent; empty when nothing had to change. */
  readonly sent: LockChange;
  /** The registry's answer: to the change, or the fresh read when nothing had to change (absent when `known` was used). */
  readonly info?: TargetInfo;
}

export interface ApplyOptions {
  readonly signal?: AbortSignal;
  /** The target's attributes as a listing just reported them: no read before the change. */
  readonly known?: LockAttributes;
  /** false: one attempt per request, the caller retries (a bulk run); default: each request retries itself. */
  readonly retry?: boolean;
}

/** Which item an answer is about, when it is not `target` (a hostile or broken registry). */
function otherItem(target: LockTarget, info: TargetInfo): string | undefined {
  switch (target.kind) {
    case 'repository':
      return info.kind === 'repository' && info.name === target.repository ? undefined : describe(info);
    case 'tag':
      return info.kind === 'tag' && info.name === target.tag ? undefined : describe(info);
    case 'manifest':
      return info.kind === 'manifest' && info.digest === target.digest ? undefined : describe(info);
  }
}

function describe(info: TargetInfo): string {
  switch (info.kind) {
    case 'repository':
      return `repository ${info.name}`;
    case 'manifest':
      return `manifest ${info.digest}`;
    case 'tag':
      return `tag ${info.name}`;
  }
}

function checked(target: LockTarget, info: TargetInfo): TargetInfo {
  const other = otherItem(target, info);
  if (other !== undefined) {
    throw new WrongItemError(target, other);
  }
  return info;
}

export async function applyChange(client: LockClient, target: LockTarget, change: LockChange, options: ApplyOptions = {}): Promise<ChangeResult> {
  const call = { abortSignal: options.signal, ...(options.retry === undefined ? {} : { retry: options.retry }) };
  if (options.signal?.aborted) {
    throw cancelledError();
  }
  const read = options.known ? undefined : checked(target, await client.read(target, call));
  const before = options.known ?? read?.attributes;
  if (!before) {
    throw new RegistryError('badResponse', `${targetLabel(target)}: no attributes`);
  }
  const sent = effectiveChange(before, change);
  if (isEmptyChange(sent)) {
    return { target, status: 'unchanged', before, sent, ...(read ? { info: read } : {}) };
  }
  if (options.signal?.aborted) {
    throw cancelledError();
  }
  let answer: TargetInfo;
  try {
    answer = await client.update(target, sent, call);
  } catch (thrown: unknown) {
    const error = toRegistryError(thrown);
    if (error.kind === 'cancelled' || options.signal?.aborted) {
      // The PATCH was on its way: the registry may have applied it.
      throw new MaybeAppliedError(`${targetLabel(target)}: cancelled while the change was being sent`);
    }
    throw error;
  }
  checked(target, answer);
  if (!isEmptyChange(effectiveChange(answer.attributes, change))) {
    throw new ChangeNotAppliedError(target, change, answer.attributes);
  }
  return { target, status: 'changed', before, sent, info: answer };
}
