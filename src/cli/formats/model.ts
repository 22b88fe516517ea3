/**
 * What the pipeline formats (SARIF, JUnit, GitHub and Azure Pipelines commands, Markdown
 * summaries) are made of: generic findings with a file position, and one checked item per test
 * case. Any check can feed them — the policy plan, apply and report (fromPolicy.ts), the
 * deployment-file check — without the formatters knowing where a finding came from. Pure data.
 */

/** Every rule the tool reports, defined once (SARIF lists them all; a run uses some). */
export const FINDING_RULES = {
  drift: {
    id: 'ACRL001',
    name: 'LockDrift',
    short: 'A tag or manifest differs from the lock policy',
    full: 'The registry has a tag or manifest whose lock flags differ from what the policy file wants for it. acr-locks apply changes the registry to match.',
    level: 'error',
  },
  unprotectedDeployedImage: {
    id: 'ACRL002',
    name: 'UnprotectedDeployedImage',
    short: 'A deployed image is not protected',
    full: 'A deployment file references an image whose tag or manifest can be overwritten or deleted (writeEnabled or deleteEnabled is true).',
    level: 'error',
  },
  floatingTag: {
    id: 'ACRL003',
    name: 'FloatingTag',
    short: 'A deployment references a floating tag',
    full: 'A deployment file references an image by a tag that is meant to move (such as latest) instead of a locked tag or a digest.',
    level: 'warning',
  },
  missingImage: {
    id: 'ACRL004',
    name: 'MissingImage',
    short: 'A referenced image is not in the registry',
    full: 'A deployment file references a tag or digest that the registry does not have.',
    level: 'error',
  },
  conflict: {
    id: 'ACRL005',
    name: 'PolicyConflict',
    short: 'Policy rules conflict on an item',
    full: 'Two or more rules of the policy file set different values of one flag on one tag or manifest; nothing is applied until the file is fixed.',
    level: 'error',
  },
  invalidPolicy: {
    id: 'ACRL006',
    name: 'InvalidPolicy',
    short: 'The policy file is not valid',
    full: 'The policy file has a syntax or schema error; nothing is checked or applied until it is fixed.',
    level: 'error',
  },
} as const satisfies Record<string, { id: string; name: string; short: string; full: string; level: FindingLevel }>;

export type FindingRule = keyof typeof FINDING_RULES;
export type FindingLevel = 'error' | 'warning' | 'note';

export const RULE_KEYS = Object.keys(FINDING_RULES) as FindingRule[];

/** One problem at one place in a file of the repository. */
export interface Finding {
  readonly rule: FindingRule;
  readonly level: FindingLevel;
  /** Plain text; formatters escape it for their syntax. */
  readonly message: string;
  /** Relative to the repository root, `/`-separated; absent when the finding has no file. */
  readonly file?: string;
  /** 1-based. */
  readonly line?: number;
  /** 1-based. */
  readonly column?: number;
  /** What the finding is about, e.g. `sandbox.azurecr.io/hello-world:v2`. */
  readonly subject?: string;
}

/** One checked item: a JUnit test case. */
export interface CheckedItem {
  /** The suite, e.g. the registry. */
  readonly suite: string;
  /** E.g. the repository. */
  readonly className: string;
  /** E.g. `hello-world:v2`. */
  readonly name: string;
  readonly outcome: 'passed' | 'failed' | 'error' | 'skipped';
  /** Why it failed (the change wanted, the error). */
  readonly message?: string;
  readonly rule?: FindingRule;
}

export interface SummaryTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** Everything a format needs from one run. */
export interface FormatInput {
  readonly tool: { readonly name: string; readonly version: string; readonly informationUri?: string };
  /** `plan`, `apply`, `report`, `deployments`… */
  readonly command: string;
  readonly findings: readonly Finding[];
  readonly checks: readonly CheckedItem[];
  /** For the Markdown summary. */
  readonly summary: {
    readonly title: string;
    /** One line per registry (or per checked file). */
    readonly lines: readonly string[];
    readonly table?: SummaryTable;
  };
  /** The run's exit code (0 ok, 1 error, 2 drift). */
  readonly exitCode: number;
  /** When the run started (ISO), for SARIF's invocation and JUnit's timestamp. */
  readonly startTime: string;
  readonly endTime: string;
}

