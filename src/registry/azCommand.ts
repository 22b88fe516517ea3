/**
 * The `az acr repository update` command equivalent to a target's attributes or a change,
 * so users can script or review what the extension does. Pure logic.
 */
import { FLAG_NAMES, type FlagName, type LockChange } from './attributes';
import { registryNameOf } from './loginServer';
import { type LockTarget } from './models';

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
