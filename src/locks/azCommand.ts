/**
 * The `az acr repository update` command equivalent to a target's attributes or a change,
 * so users can script or review what the extension does. Pure logic.
 */
import { FLAG_NAMES, type FlagName, type LockChange } from './attributes';
import { cloudOf, isAcrDomain, registryNameOf } from '../registry/loginServer';
import { type LockTarget } from '../registry/models';

const AZ_FLAG: Readonly<Record<FlagName, string>> = {
  writeEnabled: '--write-enabled',
  deleteEnabled: '--delete-enabled',
  readEnabled: '--read-enabled',
  listEnabled: '--list-enabled',
};

/** Quotes a shell word only when it needs it (POSIX single quotes). */
function shellWord(word: string): string {
  return /^[A-Za-z0-9@%+=:,./_-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function azUpdateCommand(loginServer: string, target: LockTarget, change: LockChange): string {
  const words = ['az', 'acr', 'repository', 'update', '--name', registryNameOf(loginServer)];
  switch (target.kind) {
    case 'repository':
      words.push('--repository', target.repository);
      break;
    case 'tag':
      words.push('--image', `${target.repository}:${target.tag}`);
      break;
    case 'manifest':
      words.push('--image', `${target.repository}@${target.digest}`);
      break;
  }
  for (const flag of FLAG_NAMES) {
    const value = change[flag];
    if (value !== undefined) {
      words.push(AZ_FLAG[flag], String(value));
    }
  }
  return words.map(shellWord).join(' ');
}

/**
 * How az can address a registry. `az acr … --name X` takes a registry name (or a login server,
 * from whose current-cloud suffix on everything is dropped, port included) and reaches the
 * registry as `<name>.azurecr.io` (the suffix of az's current cloud). So only `*.azurecr.io`,
 * `*.azurecr.cn` and `*.azurecr.us` login servers have an az equivalent, the last two with az set
 * to that cloud (`az cloud set --name …`). For any other login server az would try
 * `<login server>.azurecr.io` (Debian's az 2.45 with `--name localhost:5000`:
 * "Could not connect to the registry login server 'localhost:5000.azurecr.io'"), and a custom
 * domain does not tell which registry name it serves.
 */
export type AzAddress =
  | { readonly ok: true; readonly name: string; readonly cloud: 'AzureCloud' | 'AzureChinaCloud' | 'AzureUSGovernment' }
  | { readonly ok: false; readonly reason: 'notAzureLoginServer' };

export function azAddress(loginServer: string): AzAddress {
  if (!isAcrDomain(loginServer)) {
    return { ok: false, reason: 'notAzureLoginServer' };
  }
  const cloud = cloudOf(loginServer).name;
  return { ok: true, name: registryNameOf(loginServer), cloud: cloud === 'custom' ? 'AzureCloud' : cloud };
}

/** The az command when az can address the registry, else undefined (see azAddress). */
export function azCommandIfAny(loginServer: string, target: LockTarget, change: LockChange): string | undefined {
  return azAddress(loginServer).ok ? azUpdateCommand(loginServer, target, change) : undefined;
}

/** The command with a placeholder registry name, for a custom domain whose Azure name the user knows. */
export function azTemplateCommand(target: LockTarget, change: LockChange): string {
  return azUpdateCommand('REGISTRY-NAME.azurecr.io', target, change);
}
