/**
 * The parts of the worded explanation of a 405 REGISTRY_DISALLOWED_OPERATION: which operation
 * was most likely refused and, per level (repository / manifest / tag / other tags of the same
 * manifest), which flags block it. Pure logic over `analyseProtection`'s report; the UI layer
 * words it (so every user string stays a literal `vscode.l10n.t` call).
 */
import { FLAG_NAMES, type FlagName } from './attributes';
import { type LockTarget } from '../registry/models';
import { type Level, type Operation, type ProtectionReport } from './protection';
import { flagsText } from './flagsText';

export interface BlockingLevel {
  readonly level: Level;
  readonly target: LockTarget;
  /** The flags that are false at this level and block the operation, in FLAG_NAMES order. */
  readonly flags: readonly FlagName[];
}

export interface LockExplanation {
  readonly operation: Operation;
  /** One entry per blocking target, in the report's order (repository, manifest, tag, other tags). */
  readonly levels: readonly BlockingLevel[];
}

/**
 * Which refusal a 405 most likely was when the caller does not say: ACR answers 405 for deletes,
 * pushes and pulls (a PATCH of the attributes is never refused), deletion being the common case.
 */
const LIKELIEST: readonly Operation[] = ['deleteImage', 'deleteRepository', 'untag', 'overwrite', 'pull', 'list'];

/**
 * Explains the blocking locks of `operation` (or of the likeliest operation that is blocked).
 * Undefined when nothing blocks it now (the locks changed since, or the 405 had another cause).
 */
export function explainLock(report: ProtectionReport, operation?: Operation): LockExplanation | undefined {
  const candidates = operation ? [operation] : LIKELIEST;
  const chosen = candidates.find((op) => report.operations.includes(op) && report.blockers[op].length > 0);
  if (!chosen) {
    return undefined;
  }
  const byTarget = new Map<string, { level: Level; target: LockTarget; flags: Set<FlagName> }>();
  for (const blocker of report.blockers[chosen]) {
    const key = JSON.stringify(blocker.target);
    const entry = byTarget.get(key) ?? { level: blocker.level, target: blocker.target, flags: new Set<FlagName>() };
    entry.flags.add(blocker.flag);
    byTarget.set(key, entry);
  }
  const levels = [...byTarget.values()].map(({ level, target, flags }) => ({
    level,
    target,
    flags: FLAG_NAMES.filter((f) => flags.has(f)),
  }));
  return { operation: chosen, levels };
}

/** `writeEnabled=false, deleteEnabled=false` (in ACR's flag order, through the one flagsText). */
export function flagsFalse(flags: readonly FlagName[]): string {
  return flagsText(Object.fromEntries(flags.map((f) => [f, false])));
}
