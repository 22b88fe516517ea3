/**
 * Which action helps after a registry failure (pure: no wording, no VS Code). The tree's error
 * nodes offer the first fitting one; the commands' error messages offer all of them.
 */
import { type RegistryError } from './registry/errors';

export type RecoveryAction = 'retry' | 'signIn' | 'enterCredentials' | 'openSettings' | 'whyProtected' | 'showLog';

export function recoveryActions(error: RegistryError): readonly RecoveryAction[] {
  switch (error.kind) {
    case 'unreachable':
      return ['retry', 'openSettings'];
    case 'certificate':
      return ['retry', 'showLog'];
    case 'signInRequired':
      return ['signIn', 'openSettings'];
    case 'credentialsRejected':
    case 'missingPermission':
      return ['enterCredentials', 'openSettings'];
    case 'forbidden':
    case 'notFound':
    case 'throttled':
      return ['retry'];
    case 'locked':
      return ['whyProtected'];
    case 'server':
    case 'unknown':
      return ['retry', 'showLog'];
    case 'badResponse':
    case 'crossOrigin':
      return ['showLog'];
    case 'untrustedDomain':
      // Sign In asks for the one-time confirmation first.
      return ['signIn', 'openSettings'];
    case 'cancelled':
      return [];
  }
}
