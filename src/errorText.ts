/**
 * Plain-words text for registry failures, with the actions that fit (src/recovery.ts). Used by
 * tree error nodes and by commands, so a failure reads the same everywhere. Never includes tokens
 * or passwords.
 */
import * as vscode from 'vscode';
import { ChangeNotAppliedError, WrongItemError } from './locks/errors';
import { type RecoveryAction, recoveryActions } from './recovery';
import { MaybeAppliedError } from './locks/run/bulk';
import { type RegistryError } from './registry/errors';
import { type LoginServerCheck } from './registry/loginServer';
import { targetLabel } from './registry/models';
import { flagsText } from './locks/flagsText';
import { unreachableReason } from './registry/transportErrors';

export type { RecoveryAction } from './recovery';

/** A failed login-server check (its reason and details). */
export type LoginServerFailure = Extract<LoginServerCheck, { ok: false }>;

export interface ErrorText {
  readonly message: string;
  readonly actions: readonly RecoveryAction[];
}

/** What failed, when a registry could not be reached (refused, DNS, timeout, proxy…). */
function unreachableText(error: RegistryError): string {
  switch (unreachableReason(error.details.code)) {
    case 'refused':
      return vscode.l10n.t('the connection was refused');
    case 'dns':
      return vscode.l10n.t('its host name could not be resolved (DNS)');
    case 'timeout':
      return vscode.l10n.t('it did not answer in time');
    case 'closed':
      return vscode.l10n.t('the connection was closed before an answer (a proxy or firewall may refuse this host)');
    case 'proxy':
      return vscode.l10n.t('the proxy refused or failed the connection');
    case 'noRoute':
      return vscode.l10n.t('the network has no route to it');
    case 'blockedPort':
      return vscode.l10n.t('VS Code refuses to connect to that port (a blocked port of the Fetch standard, such as 1 or 25)');
    case 'other':
      return vscode.l10n.t('the network request failed');
  }
}

function message(error: RegistryError, where: string): string {
  const status = error.details.status;
  if (error instanceof ChangeNotAppliedError) {
    return vscode.l10n.t(
      'The registry did not apply the change to {0}: asked for {1}, it answered {2}. Refresh and check its locks.',
      targetLabel(error.target),
      flagsText(error.requested),
      flagsText(error.answered, { only: error.requested }),
    );
  }
  if (error instanceof WrongItemError) {
    return vscode.l10n.t('The registry answered for {0} instead of {1}; nothing is reported as changed.', error.answeredFor, targetLabel(error.target));
  }
  if (error instanceof MaybeAppliedError) {
    return vscode.l10n.t('Cancelled while the change to {0} was being sent: the registry may have applied it. Refresh to see its locks.', where);
  }
  switch (error.kind) {
    case 'unreachable':
      return vscode.l10n.t('Cannot reach {0}: {1}. Check the login server and your network or proxy, then Retry (or remove the registry).', where, unreachableText(error));
    case 'certificate':
      return vscode.l10n.t("The certificate of {0} is not trusted. Add its CA certificate to the system certificate store (VS Code trusts that store) and retry.", where);
    case 'signInRequired':
      return vscode.l10n.t('Sign in to Azure to open {0}.', where);
    case 'credentialsRejected':
      return vscode.l10n.t('{0} rejected the credentials. Enter the user name and password again.', where);
    case 'missingPermission': {
      const missing = (error.details.missing ?? [])
        .map((s) => (s.type === 'registry' && s.name === 'catalog' ? vscode.l10n.t('catalog listing') : `${s.actions.join(', ')}`))
        .join('; ');
      return missing
        ? vscode.l10n.t('Missing permission on {0}: {1}. Ask for a role or token scope that grants it.', where, missing)
        : vscode.l10n.t('Missing permission on {0}. Ask for a role or token scope that grants it.', where);
    }
    case 'forbidden':
      return vscode.l10n.t('{0} refused access (403): a firewall rule or network restriction may block this machine.', where);
    case 'notFound':
      return vscode.l10n.t('{0} no longer exists. Refresh to see the current content.', where);
    case 'locked':
      return vscode.l10n.t('{0} is locked: a lock on it, its manifest or its repository disallows this operation.', where);
    case 'throttled':
      return vscode.l10n.t('The registry is throttling requests (429). Wait a moment and retry.');
    case 'server':
      return vscode.l10n.t('The registry failed to answer ({0}). Retry in a moment.', String(status ?? '5xx'));
    case 'badResponse':
      return vscode.l10n.t('The registry sent an answer that could not be read.');
    case 'cancelled':
      return vscode.l10n.t('Cancelled.');
    case 'untrustedDomain':
      return vscode.l10n.t(
        '{0} is not an Azure Container Registry domain (*.azurecr.io, *.azurecr.cn, *.azurecr.us): your Azure sign-in token is sent there only after you confirm that you trust it. Use Sign In to confirm.',
        error.details.host ?? where,
      );
    case 'crossOrigin':
      return vscode.l10n.t(
        '{0} sent the request on to another host ({1}); it was refused and nothing was sent there. Check the login server, and any proxy in between.',
        where,
        error.details.host ?? vscode.l10n.t('unknown'),
      );
    case 'unknown':
      return vscode.l10n.t('The request to {0} failed{1}. See the log for details.', where, status ? ` (${status})` : '');
  }
}

export function describeError(error: RegistryError, where: string): ErrorText {
  return { message: message(error, where), actions: recoveryActions(error) };
}

/**
 * The words a tree row has room for in a 300 px side bar: `unreachable` for a registry the network
 * does not reach (capitalised as a row's label), else the short text. The full reason goes in the
 * tooltip and the accessible name.
 */
export function rowErrorText(error: RegistryError, asLabel = false): string {
  if (error.kind === 'unreachable') {
    return asLabel ? vscode.l10n.t('Unreachable') : vscode.l10n.t('unreachable');
  }
  return shortErrorText(error);
}

/** A few words for a tree row (the full text goes in its tooltip). */
export function shortErrorText(error: RegistryError): string {
  switch (error.kind) {
    case 'unreachable':
      return vscode.l10n.t('Cannot reach the registry');
    case 'certificate':
      return vscode.l10n.t('Certificate not trusted');
    case 'signInRequired':
      return vscode.l10n.t('Sign-in required');
    case 'credentialsRejected':
      return vscode.l10n.t('Credentials rejected');
    case 'missingPermission':
      return vscode.l10n.t('Missing permission');
    case 'forbidden':
      return vscode.l10n.t('Access refused (403)');
    case 'notFound':
      return vscode.l10n.t('No longer exists');
    case 'locked':
      return vscode.l10n.t('Locked');
    case 'throttled':
      return vscode.l10n.t('Throttled (429)');
    case 'server':
      return vscode.l10n.t('Registry error ({0})', String(error.details.status ?? '5xx'));
    case 'badResponse':
      return vscode.l10n.t('Unreadable answer');
    case 'cancelled':
      return vscode.l10n.t('Cancelled');
    case 'untrustedDomain':
      return vscode.l10n.t('Not trusted with your Azure sign-in');
    case 'crossOrigin':
      return vscode.l10n.t('Sent to another host (refused)');
    case 'unknown':
      return vscode.l10n.t('Request failed');
  }
}

/** What is wrong with a typed login server, short enough for the input box's message. */
export function loginServerProblemText(problem: Pick<LoginServerFailure, 'reason' | 'length' | 'suggestion'>): string {
  switch (problem.reason) {
    case 'empty':
      return vscode.l10n.t('Enter the registry’s login server, for example myregistry.azurecr.io.');
    case 'hasPath':
      return vscode.l10n.t('Enter only the login server, without a path (for example myregistry.azurecr.io, not …/myrepo).');
    case 'badScheme':
      return vscode.l10n.t('Registries are reached over HTTPS: leave out the scheme or use https://.');
    case 'badHost':
      return vscode.l10n.t('A host name has only letters, digits, “-” and dots (for example myregistry.azurecr.io or registry.contoso.com).');
    case 'badPort':
      return vscode.l10n.t('The port must be a number from 1 to 65535.');
    case 'badRegistryName':
      return problem.suggestion
        ? vscode.l10n.t('Azure registry names have only letters and digits. Did you mean {0}?', problem.suggestion)
        : vscode.l10n.t('Azure registry names have 5–50 letters and digits (for example myregistry.azurecr.io).');
    case 'registryNameLength':
      return vscode.l10n.t('Azure registry names have 5–50 letters and digits; this one has {0}.', problem.length ?? 0);
    case 'singleLabel':
      return problem.suggestion
        ? vscode.l10n.t('This is not a full host name. Did you mean {0}?', problem.suggestion)
        : vscode.l10n.t('This is not a full host name (for example myregistry.azurecr.io).');
    case 'hostTooLong':
      return vscode.l10n.t('Too long: {0} characters, a host name has at most 253.', problem.length ?? 0);
    case 'labelTooLong':
      return vscode.l10n.t('A part between dots has {0} characters; at most 63 are allowed.', problem.length ?? 0);
  }
}
