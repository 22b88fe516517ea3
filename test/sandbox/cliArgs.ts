/** Command-line parsing for cli.ts (pure, testable). */
import { type SandboxOptions } from './index';
import { isSku } from './limits';
import { parseSeed } from './seed';

export const USAGE = `usage: npm run sandbox -- [--seed demo|empty|large:N] [--port N] [--proxy-port N] [--latency-ms N]
  [--sku basic|standard|premium] [--read-limit-per-min N] [--write-limit-per-min N] [--delete-limit-per-min N]
  [--sign-in-limit-per-min N] [--identity-read-limit-per-min N] [--identity-write-limit-per-min N]
  [--identity-delete-limit-per-min N] [--limit-burst N] [--fault-rate F] [--token-lifetime-sec N]
  [--state DIR] [--registries a,b] [--anonymous-pull] [--arm-page-size N]`;

/** Per-minute limit flags → SandboxOptions keys. */
const LIMIT_FLAGS = {
  '--read-limit-per-min': 'readLimitPerMin',
  '--write-limit-per-min': 'writeLimitPerMin',
  '--delete-limit-per-min': 'deleteLimitPerMin',
  '--sign-in-limit-per-min': 'signInLimitPerMin',
  '--identity-read-limit-per-min': 'identityReadLimitPerMin',
  '--identity-write-limit-per-min': 'identityWriteLimitPerMin',
  '--identity-delete-limit-per-min': 'identityDeleteLimitPerMin',
  '--limit-burst': 'limitBurst',
} as const satisfies Record<string, keyof SandboxOptions>;

function isLimitFlag(flag: string): flag is keyof typeof LIMIT_FLAGS {
  return Object.hasOwn(LIMIT_FLAGS, flag);
}

function integer(flag: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new Error(`${flag} expects an integer between ${min} and ${max}, got '${value}'`);
  }
  return Number(value);
}

export function parseArgs(argv: readonly string[]): SandboxOptions {
  const options: SandboxOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    if (flag === '--anonymous-pull') {
      options.anonymousPull = true;
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) {
      throw new Error(flag.startsWith('--') ? `${flag} needs a value` : `unexpected argument '${flag}'`);
    }
    i++;
    if (isLimitFlag(flag)) {
      options[LIMIT_FLAGS[flag]] = integer(flag, value, 0, 100000000);
      continue;
    }
    switch (flag) {
      case '--seed':
        parseSeed(value);
        options.seed = value;
        break;
      case '--port':
        options.port = integer(flag, value, 0, 65535);
        break;
      case '--proxy-port':
        options.proxyPort = integer(flag, value, 0, 65535);
        break;
      case '--latency-ms':
        options.latencyMs = integer(flag, value, 0, 600000);
        break;
      case '--sku':
        if (!isSku(value)) {
          throw new Error(`--sku expects basic, standard or premium, got '${value}'`);
        }
        options.sku = value;
        break;
      case '--token-lifetime-sec':
        options.tokenLifetimeSec = integer(flag, value, 1, 100000000);
        break;
      case '--fault-rate': {
        const rate = Number(value);
        if (!/^(0|1|0?\.\d+|1\.0*)$/.test(value) || rate < 0 || rate > 1) {
          throw new Error(`--fault-rate expects a number between 0 and 1, got '${value}'`);
        }
        options.faultRate = rate;
        break;
      }
      case '--arm-page-size':
        options.armPageSize = integer(flag, value, 1, 1000);
        break;
      case '--state':
        options.stateDir = value;
        break;
      case '--registries': {
        const names = value.split(',').map((n) => n.trim());
        if (names.some((n) => !/^[a-z0-9]{1,50}$/.test(n))) {
          throw new Error(`--registries expects comma-separated lowercase alphanumeric names, got '${value}'`);
        }
        options.registries = names;
        break;
      }
      default:
        throw new Error(`unknown option '${flag}'`);
    }
  }
  return options;
}
