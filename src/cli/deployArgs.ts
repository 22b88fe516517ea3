/**
 * The command lines of `acr-locks images [PATH…]` and `acr-locks release-orphans --policy FILE
 * [--yes]`, checked before anything is read or sent, in the manner of args.ts (messages name the
 * flag, never echo a value; password flags refused). Pure logic.
 */
import { parseArgs } from 'node:util';
import { checkLoginServer } from '../registry/loginServer';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from './args';
import { CREDENTIALS_NEED_REGISTRY, flagName, refusedArgument } from './args';

export type DeployCommand = 'images' | 'release-orphans';

export interface DeployCliOptions {
  readonly command: DeployCommand;
  readonly policyFile?: string;
  /** images: files or folders (default: the policy's deployment sets, else "."). */
  readonly paths: readonly string[];
  readonly registry?: string;
  readonly json: boolean;
  readonly yes: boolean;
  readonly concurrency: number;
  readonly username?: string;
  /** The one custom-domain login server trusted with the Azure token (as for plan/apply). */
  readonly trustCustomDomain?: string;
  readonly verbose: boolean;
}

export type ParsedDeployArgs = { readonly kind: 'run'; readonly options: DeployCliOptions } | { readonly kind: 'error'; readonly message: string };

/** The options of images and release-orphans (node:util parseArgs). */
export const OPTIONS = {
  policy: { type: 'string' },
  registry: { type: 'string' },
  json: { type: 'boolean' },
  yes: { type: 'boolean' },
  concurrency: { type: 'string' },
  username: { type: 'string', short: 'u' },
  'trust-custom-domain': { type: 'string' },
  verbose: { type: 'boolean' },
} as const;

function isKnownFlag(flag: string): boolean {
  if (flag.startsWith('--')) {
    return Object.hasOwn(OPTIONS, flag.slice(2));
  }
  return Object.values(OPTIONS).some((o) => 'short' in o && `-${o.short}` === flag);
}

/** The command when the first positional argument is `images` or `release-orphans`, else undefined. */
export function deployCommandOf(argv: readonly string[]): DeployCommand | undefined {
  let skipValue = false;
  for (const arg of argv) {
    if (skipValue) {
      skipValue = false;
      continue;
    }
    if (arg === '--') {
      return undefined;
    }
    if (arg.startsWith('-') && arg !== '-') {
      const flag = flagName(arg);
      const known = Object.entries({ ...OPTIONS, repository: { type: 'string' }, format: { type: 'string' } }).find(([name, o]) => `--${name}` === flag || ('short' in o && `-${String(o.short)}` === flag));
      skipValue = known !== undefined && known[1].type === 'string' && !arg.includes('=');
      continue;
    }
    return arg === 'images' || arg === 'release-orphans' ? arg : undefined;
  }
  return undefined;
}

export function parseDeployArgs(argv: readonly string[]): ParsedDeployArgs {
  const error = (message: string): ParsedDeployArgs => ({ kind: 'error', message });
  const refused = refusedArgument(argv, isKnownFlag);
  if (refused !== undefined) {
    return error(refused);
  }
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch {
    return error('The command line is not valid (an option may be missing its value). Run acr-locks --help.');
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (command !== 'images' && command !== 'release-orphans') {
    return error('Unknown command. Run acr-locks --help.');
  }
  const paths = positionals.slice(1);
  if (command === 'release-orphans') {
    if (paths.length > 0) {
      return error('release-orphans takes no paths: it reads the deployment sets of --policy.');
    }
    if (values.policy === undefined || values.policy.trim() === '') {
      return error('--policy FILE is required: release-orphans releases locks that no deployment set of the policy references.');
    }
  } else if (values.yes === true) {
    return error('--yes applies to release-orphans only.');
  }
  if (values.policy !== undefined && values.policy.trim() === '') {
    return error('--policy is empty.');
  }
  let registry: string | undefined;
  if (values.registry !== undefined) {
    const checked = checkLoginServer(values.registry);
    if (!checked.ok) {
      return error(`--registry is not a login server (${checked.reason}): e.g. myregistry.azurecr.io or localhost:5443.`);
    }
    registry = checked.loginServer;
  }
  let concurrency = DEFAULT_CONCURRENCY;
  if (values.concurrency !== undefined) {
    if (!/^[0-9]+$/.test(values.concurrency) || Number(values.concurrency) < 1 || Number(values.concurrency) > MAX_CONCURRENCY) {
      return error(`--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}.`);
    }
    concurrency = Number(values.concurrency);
  }
  if (values.username !== undefined && values.username.trim() === '') {
    return error('--username is empty.');
  }
  if (values.username !== undefined && registry === undefined) {
    // A password goes to one named registry only, never to every registry a policy file lists.
    return error(CREDENTIALS_NEED_REGISTRY);
  }
  let trustCustomDomain: string | undefined;
  if (values['trust-custom-domain'] !== undefined) {
    const checked = checkLoginServer(values['trust-custom-domain']);
    if (!checked.ok) {
      return error(`--trust-custom-domain takes the one login server you trust with your Azure token (${checked.reason}).`);
    }
    trustCustomDomain = checked.loginServer;
  }
  return {
    kind: 'run',
    options: {
      command,
      ...(values.policy === undefined ? {} : { policyFile: values.policy }),
      paths,
      ...(registry === undefined ? {} : { registry }),
      json: values.json === true,
      yes: values.yes === true,
      concurrency,
      ...(values.username === undefined ? {} : { username: values.username }),
      ...(trustCustomDomain === undefined ? {} : { trustCustomDomain }),
      verbose: values.verbose === true,
    },
  };
}

export const DEPLOY_USAGE = `
Deployments (the policy's "deployments" sets; plan and apply include them):
  acr-locks images [PATH...] [--policy FILE] [--registry SERVER] [-u NAME] [--json]
            Every image reference in the deployment files under PATH (default: the policy's sets,
            else "."): file:line, kind, image, managed or "not managed here"; with --registry or
            --username also whether it exists and is protected.
  acr-locks release-orphans --policy FILE [--registry SERVER] [-u NAME] [--yes] [--json]
            Shows the locked tags and manifests of the deployed repositories that no deployment
            references; releases them (writeEnabled/deleteEnabled back to true) only with --yes.
  --allow-partial         apply: protect what can be protected even when a deployment file cannot
                          be read or a deployed image is missing (default: change nothing).
`;
