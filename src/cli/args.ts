/**
 * The command line, checked before anything is read or sent: one command, known flags only,
 * values in range. Messages name the flag but never echo a value, so a password typed by
 * mistake is not printed back. Pure logic.
 */
import { parseArgs } from 'node:util';
import { checkLoginServer } from '../registry/loginServer';
import { isPipelineFormat, PIPELINE_FORMATS, type PipelineFormat } from './formats/render';
import { DEFAULT_CONNECT_TIMEOUT_SEC, DEFAULT_IDLE_TIMEOUT_SEC, DEFAULT_MAX_BODY_BYTES, MAX_TIMEOUT_SEC, parseTimeoutSeconds } from '../registry/transportLimits';

export type CliCommand = 'plan' | 'apply' | 'report' | 'doctor';

export interface CliOptions {
  readonly command: CliCommand;
  readonly policyFile: string;
  /** Normalised login server: only that entry of the file. */
  readonly registry?: string;
  readonly json: boolean;
  /** table (plan/apply), csv (report), json, or a pipeline format (formats/render.ts). */
  readonly format: 'table' | 'json' | 'csv' | PipelineFormat;
  /** `--output FILE`: the formatted output goes there instead of standard output. */
  readonly output?: string;
  /** `--audit-log FILE`: apply appends one JSON line per change; report summarises the file. */
  readonly auditLog?: string;
  readonly concurrency: number;
  readonly username?: string;
  /** report only: a repository glob. */
  readonly repository?: string;
  /** The one login server outside *.azurecr.io/.cn/.us that may get the Azure token (normalised); none when absent. */
  readonly trustCustomDomain?: string;
  readonly verbose: boolean;
  /** Seconds to establish a connection, and without a byte once connected (transportLimits.ts). */
  readonly connectTimeoutSec: number;
  readonly idleTimeoutSec: number;
  /** apply only: changes that remove a lock (a flag back to true) may be sent. */
  readonly allowUnlock: boolean;
  /** apply: protect the deployments that can be protected even when the deployments plan has problems. */
  readonly allowPartial?: true;
}

export type ParsedArgs =
  | { readonly kind: 'run'; readonly options: CliOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'error'; readonly message: string };

export const DEFAULT_CONCURRENCY = 8;
/** A password (or registry token) is sent to one registry only: the one the user named. */
export const CREDENTIALS_NEED_REGISTRY =
  '--username (or ACR_USERNAME) needs --registry SERVER: the password is sent only to the one registry you name, never to every registry the policy file lists.';
export const MAX_CONCURRENCY = 32;
const COMMANDS: readonly CliCommand[] = ['plan', 'apply', 'report', 'doctor'];

/** The options of plan, apply, report and doctor (node:util parseArgs); docs/cli.md's options table lists each (test/unit/cliDocs.test.ts). */
export const OPTIONS = {
  policy: { type: 'string' },
  registry: { type: 'string' },
  json: { type: 'boolean' },
  format: { type: 'string' },
  output: { type: 'string' },
  'audit-log': { type: 'string' },
  concurrency: { type: 'string' },
  username: { type: 'string', short: 'u' },
  repository: { type: 'string' },
  'trust-custom-domain': { type: 'string' },
  verbose: { type: 'boolean' },
  'allow-unlock': { type: 'boolean' },
  'connect-timeout': { type: 'string' },
  'idle-timeout': { type: 'string' },
  'allow-partial': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

const PASSWORD_FLAGS = new Set(['--password', '-p', '--pass', '--passwd', '--password-stdin']);

/** `--name=value` → `--name`; a short flag stays as it is. */
export function flagName(arg: string): string {
  const equals = arg.indexOf('=');
  return equals < 0 ? arg : arg.slice(0, equals);
}

function error(message: string): ParsedArgs {
  return { kind: 'error', message };
}

/**
 * What every acr-locks command refuses before parsing: a password on the command line (visible to
 * other processes, kept in shell history) and options it does not know. Undefined: nothing refused.
 */
export function refusedArgument(argv: readonly string[], isKnown: (flag: string) => boolean): string | undefined {
  for (const arg of argv) {
    if (arg === '--') {
      break;
    }
    if (PASSWORD_FLAGS.has(flagName(arg))) {
      return (
        `${flagName(arg)} is not accepted: a password on the command line is visible to other processes and kept in shell history. ` +
        'Use --username and put the password in the ACR_PASSWORD environment variable, or pipe it on standard input.'
      );
    }
    if (arg.startsWith('-') && arg !== '-' && !isKnown(flagName(arg))) {
      return `Unknown option ${flagName(arg)}. Run acr-locks --help for the options.`;
    }
  }
  return undefined;
}

export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  const refused = refusedArgument(argv, isKnownFlag);
  if (refused !== undefined) {
    return error(refused);
  }
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (thrown: unknown) {
    const code = thrown instanceof Error && 'code' in thrown ? String(thrown.code) : '';
    const missingValue = code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE';
    return error(missingValue ? `An option is missing its value (${optionOf(thrown)}). Run acr-locks --help.` : 'The command line is not valid. Run acr-locks --help.');
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    return { kind: 'help' };
  }
  if (values.version === true) {
    return { kind: 'version' };
  }
  if (positionals.length === 0) {
    return error('No command given: use acr-locks plan, apply or report (acr-locks --help).');
  }
  const command = COMMANDS.find((c) => c === positionals[0]);
  if (command === undefined) {
    return error(`Unknown command. Use plan, apply or report (acr-locks --help).`);
  }
  if (positionals.length > 1) {
    return error(`Only one command may be given; ${positionals.length - 1} more argument(s) follow "${command}". Run acr-locks --help.`);
  }
  const auditReport = command === 'report' && values['audit-log'] !== undefined;
  if (command === 'doctor') {
    return doctorOptions(values);
  }
  if (!auditReport && (values.policy === undefined || values.policy.trim() === '')) {
    return error('--policy FILE is required: the policy file to check (for example --policy .acr-locks.json).');
  }
  let registry: string | undefined;
  if (values.registry !== undefined) {
    const checked = checkLoginServer(values.registry);
    if (!checked.ok) {
      return error(`--registry is not a login server (${checked.reason}): give it as in the policy file, e.g. myregistry.azurecr.io or localhost:5443.`);
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
  let format: CliOptions['format'] = command === 'report' ? 'csv' : 'table';
  if (values.format !== undefined) {
    const pipeline = isPipelineFormat(values.format);
    if (command === 'report' && values.format !== 'csv' && values.format !== 'json' && !pipeline) {
      return error(`--format must be csv, json or one of ${PIPELINE_FORMATS.join(', ')} for report.`);
    }
    if (command !== 'report' && values.format === 'csv') {
      return error('--format csv applies to report only; plan and apply print a table, JSON (--json) or a pipeline format.');
    }
    if (command !== 'report' && values.format !== 'table' && values.format !== 'json' && !pipeline) {
      return error(`--format must be table, json, ${PIPELINE_FORMATS.join(', ')}.`);
    }
    if (auditReport && values.format !== 'json' && values.format !== 'csv') {
      return error('report --audit-log prints a table, or JSON with --format json.');
    }
    format = values.format as CliOptions['format'];
  }
  if (values.output !== undefined && values.output.trim() === '') {
    return error('--output is empty: give the file to write.');
  }
  if (values['audit-log'] !== undefined && (values['audit-log'].trim() === '' || (command !== 'apply' && command !== 'report'))) {
    return error('--audit-log FILE applies to apply (appends a line per change) and report (summarises the file).');
  }
  if (values.json === true) {
    if (values.format !== undefined && values.format !== 'json') {
      return error('--json and --format csv contradict each other; give one.');
    }
    format = 'json';
  }
  if (values.repository !== undefined && command !== 'report') {
    return error('--repository applies to report only (plan and apply follow the policy file).');
  }
  if (values.username !== undefined && values.username.trim() === '') {
    return error('--username is empty.');
  }
  const timeouts: number[] = [];
  for (const [flag, fallback] of [['connect-timeout', DEFAULT_CONNECT_TIMEOUT_SEC], ['idle-timeout', DEFAULT_IDLE_TIMEOUT_SEC]] as const) {
    const text = values[flag];
    const value = text === undefined ? fallback : parseTimeoutSeconds(text);
    if (value === undefined) {
      return error(`--${flag} must be a whole number of seconds from 1 to ${MAX_TIMEOUT_SEC} (default ${fallback}).`);
    }
    timeouts.push(value);
  }
  if (values['allow-unlock'] === true && command !== 'apply') {
    return error('--allow-unlock applies to apply only (plan shows lock removals marked UNLOCK).');
  }
  if (values.username !== undefined && registry === undefined) {
    return error(CREDENTIALS_NEED_REGISTRY);
  }
  let trustCustomDomain: string | undefined;
  if (values['trust-custom-domain'] !== undefined) {
    const checked = checkLoginServer(values['trust-custom-domain']);
    if (!checked.ok) {
      return error(`--trust-custom-domain takes the one login server you trust with your Azure token (${checked.reason}), e.g. --trust-custom-domain registry.contoso.com.`);
    }
    trustCustomDomain = checked.loginServer;
  }
  if (values['allow-partial'] === true && command !== 'apply') {
    return error('--allow-partial applies to apply only.');
  }
  return {
    kind: 'run',
    options: {
      command,
      policyFile: values.policy ?? '',
      ...(registry === undefined ? {} : { registry }),
      json: format === 'json',
      format,
      concurrency,
      ...(values.username === undefined ? {} : { username: values.username }),
      ...(values.repository === undefined ? {} : { repository: values.repository }),
      ...(values.output === undefined ? {} : { output: values.output }),
      ...(values['audit-log'] === undefined ? {} : { auditLog: values['audit-log'] }),
      ...(trustCustomDomain === undefined ? {} : { trustCustomDomain }),
      verbose: values.verbose === true,
      allowUnlock: values['allow-unlock'] === true,
      connectTimeoutSec: timeouts[0] ?? DEFAULT_CONNECT_TIMEOUT_SEC,
      idleTimeoutSec: timeouts[1] ?? DEFAULT_IDLE_TIMEOUT_SEC,
      ...(values['allow-partial'] === true ? { allowPartial: true as const } : {}),
    },
  };
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values'];

/** `doctor --registry SERVER [--repository REPO] [-u NAME]`: no policy file, one registry. */
function doctorOptions(values: Values): ParsedArgs {
  if (values.registry === undefined) {
    return error('doctor needs --registry SERVER: the registry to check (e.g. myregistry.azurecr.io).');
  }
  const checked = checkLoginServer(values.registry);
  if (!checked.ok) {
    return error(`--registry is not a login server (${checked.reason}): give it as in the policy file, e.g. myregistry.azurecr.io or localhost:5443.`);
  }
  for (const flag of ['policy', 'concurrency', 'allow-unlock', 'audit-log', 'output'] as const) {
    if (values[flag] !== undefined) {
      return error(`--${flag} does not apply to doctor.`);
    }
  }
  if (values.format !== undefined && values.format !== 'table' && values.format !== 'json') {
    return error('doctor prints a table, or JSON with --format json.');
  }
  if (values.username !== undefined && values.username.trim() === '') {
    return error('--username is empty.');
  }
  let trustCustomDomain: string | undefined;
  if (values['trust-custom-domain'] !== undefined) {
    const trusted = checkLoginServer(values['trust-custom-domain']);
    if (!trusted.ok) {
      return error(`--trust-custom-domain takes the one login server you trust with your Azure token (${trusted.reason}).`);
    }
    trustCustomDomain = trusted.loginServer;
  }
  const json = values.json === true || values.format === 'json';
  return {
    kind: 'run',
    options: {
      command: 'doctor',
      policyFile: '',
      registry: checked.loginServer,
      json,
      format: json ? 'json' : 'table',
      concurrency: DEFAULT_CONCURRENCY,
      ...(values.username === undefined ? {} : { username: values.username }),
      ...(values.repository === undefined ? {} : { repository: values.repository }),
      ...(trustCustomDomain === undefined ? {} : { trustCustomDomain }),
      verbose: values.verbose === true,
      allowUnlock: false,
      connectTimeoutSec: values['connect-timeout'] === undefined ? DEFAULT_CONNECT_TIMEOUT_SEC : (parseTimeoutSeconds(values['connect-timeout']) ?? DEFAULT_CONNECT_TIMEOUT_SEC),
      idleTimeoutSec: values['idle-timeout'] === undefined ? DEFAULT_IDLE_TIMEOUT_SEC : (parseTimeoutSeconds(values['idle-timeout']) ?? DEFAULT_IDLE_TIMEOUT_SEC),
    },
  };
}

function isKnownFlag(flag: string): boolean {
  if (flag.startsWith('--')) {
    return Object.hasOwn(OPTIONS, flag.slice(2));
  }
  return Object.values(OPTIONS).some((o) => 'short' in o && `-${o.short}` === flag);
}

function optionOf(thrown: unknown): string {
  const message = thrown instanceof Error ? thrown.message : '';
  const match = /'(--?[a-z-]+)/.exec(message);
  return match?.[1] ?? 'see --help';
}

export const USAGE = `Usage: acr-locks <command> --policy FILE [options]

Checks and applies a lock policy (.acr-locks.json) to Azure Container Registry tags and manifests.

Commands:
  plan      Show what differs from the policy. Exit 0: in policy; 2: drift found; 1: error.
  apply     Change the registry to match the policy (only the differing flags). Exit 0 when applied.
  report    Print every repository, tag and manifest with its four flags (CSV, or JSON), for audits.
            With --audit-log FILE (no --policy): summarise an audit log written by apply.
  doctor    --registry SERVER [--repository REPO]: who is signed in, whether the registry answers,
            and whether that identity may list, read and change locks (changes nothing).

Options:
  --policy FILE           The policy file (JSON with comments). Required.
  --registry SERVER       Only this registry of the file (its loginServer, e.g. myregistry.azurecr.io).
  --json                  JSON on standard output instead of a table (report: instead of CSV).
  --format FORMAT         plan, apply: table (default), json, sarif, junit, github, azure-pipelines;
                          report: csv (default), json, sarif, junit, github, azure-pipelines.
                          github: workflow commands (annotations) plus a summary in $GITHUB_STEP_SUMMARY;
                          azure-pipelines: ##vso logging commands plus an uploaded Markdown summary.
  --output FILE           Write the formatted output to FILE instead of standard output.
  --audit-log FILE        apply: append one JSON line per change (who, what, flags before and after);
                          report: summarise such a file (changes per registry and target, who, when).
  --repository GLOB       report only: only repositories matching GLOB (e.g. "team/**").
  --allow-unlock          apply: also send changes that remove a lock (set writeEnabled, deleteEnabled,
                          readEnabled or listEnabled back to true). Without it, apply refuses a plan
                          with any such change and sends nothing; plan marks them UNLOCK.
  --concurrency N         apply: changes in flight at once, 1-${MAX_CONCURRENCY} (default ${DEFAULT_CONCURRENCY}).
  -u, --username NAME     Sign in with a user name (admin user or token); the password comes from
                          the ACR_PASSWORD environment variable or, if unset, standard input.
                          Needs --registry: the password goes only to that registry.
                          Without it: Azure credentials (environment/service principal, workload
                          identity, managed identity, az login).
  --trust-custom-domain SERVER
                          Send your Azure token to this one login server although it is outside
                          *.azurecr.io, *.azurecr.cn and *.azurecr.us (your registry's custom domain).
                          Any other such server in the file gets no token.
  --connect-timeout SEC   Give up on a connection not established within SEC seconds (1-${MAX_TIMEOUT_SEC},
                          default ${DEFAULT_CONNECT_TIMEOUT_SEC}).
  --idle-timeout SEC      Give up on a request when the registry sends nothing for SEC seconds, while
                          waiting for its answer or within it (1-${MAX_TIMEOUT_SEC}, default ${DEFAULT_IDLE_TIMEOUT_SEC}).
                          Answers larger than ${DEFAULT_MAX_BODY_BYTES / (1024 * 1024)} MB (after decompression) are refused.
  --verbose               Log each request (method, path, status; never credentials) on standard error.
  -h, --help              This help.  --version: the version.

Networking: HTTPS_PROXY / NO_PROXY and NODE_EXTRA_CA_CERTS are honoured. Progress goes to standard error.
`;
