/**
 * The policy engine's diagnostics in the user's language: each `code` with its `args`
 * (src/policy/parse.ts documents them) becomes a vscode.l10n text. The engine's English
 * `message` is the fallback only for a code this file does not know yet.
 */
import * as vscode from 'vscode';
import { MAX_POLICY_DEPTH } from '../depth';
import { type PolicyDiagnostic } from '..';
import { DURATION_PATTERN, LOGIN_SERVER_PATTERN } from '../schema';

function expectedType(type: string): string {
  switch (type) {
    case 'object':
      return vscode.l10n.t('an object {…}');
    case 'array':
      return vscode.l10n.t('a list […]');
    case 'string':
      return vscode.l10n.t('a string in double quotes');
    case 'boolean':
      return vscode.l10n.t('true or false');
    default:
      return type;
  }
}

function foundType(type: string): string {
  switch (type) {
    case 'object':
      return vscode.l10n.t('an object');
    case 'array':
      return vscode.l10n.t('a list');
    case 'string':
      return vscode.l10n.t('a string');
    case 'number':
      return vscode.l10n.t('a number');
    case 'boolean':
      return vscode.l10n.t('true or false');
    case 'null':
      return vscode.l10n.t('null');
    default:
      return type;
  }
}

function syntaxText(name: string): string {
  switch (name) {
    case 'InvalidSymbol':
      return vscode.l10n.t('Unexpected text here: not part of JSON.');
    case 'InvalidNumberFormat':
      return vscode.l10n.t('This number is not valid JSON.');
    case 'PropertyNameExpected':
      return vscode.l10n.t('A property name in double quotes was expected here.');
    case 'ValueExpected':
      return vscode.l10n.t('A value was expected here.');
    case 'ColonExpected':
      return vscode.l10n.t('A colon (:) was expected after the property name.');
    case 'CommaExpected':
      return vscode.l10n.t('A comma (,) was expected here.');
    case 'CloseBraceExpected':
      return vscode.l10n.t('A closing brace (}) was expected here.');
    case 'CloseBracketExpected':
      return vscode.l10n.t('A closing bracket (]) was expected here.');
    case 'EndOfFileExpected':
      return vscode.l10n.t('Only one value may be at the top of the file; this text follows it.');
    case 'InvalidCommentToken':
      return vscode.l10n.t('This comment is not closed or not valid.');
    case 'UnexpectedEndOfComment':
      return vscode.l10n.t('The comment is not closed (*/ missing).');
    case 'UnexpectedEndOfString':
      return vscode.l10n.t('The string is not closed (" missing).');
    case 'UnexpectedEndOfNumber':
      return vscode.l10n.t('The number ends too early.');
    case 'InvalidUnicode':
      return vscode.l10n.t('This \\u escape is not valid.');
    case 'InvalidEscapeCharacter':
      return vscode.l10n.t('This escape sequence is not valid in JSON.');
    case 'InvalidCharacter':
      return vscode.l10n.t('This character must be escaped inside a string.');
    case 'TooDeep':
      return vscode.l10n.t('Objects and arrays are nested more than {0} levels deep here; a policy file needs about five. The file was not read further.', MAX_POLICY_DEPTH);
    default:
      return vscode.l10n.t('JSON syntax error ({0}).', name);
  }
}

function patternText(where: string, value: string, pattern: string): string {
  if (pattern === DURATION_PATTERN) {
    return vscode.l10n.t('{0}: "{1}" is not a duration. Write a whole number from 1 and h (hours), d (days) or w (weeks), e.g. "12h", "7d", "2w".', where, value);
  }
  if (pattern === LOGIN_SERVER_PATTERN) {
    return vscode.l10n.t(
      '{0}: "{1}" is not a login server. Write one such as myregistry.azurecr.io or localhost:5000: a host name and an optional port, without https:// or a path.',
      where,
      value,
    );
  }
  return vscode.l10n.t('{0}: "{1}" is not valid. It must match {2}.', where, value, pattern);
}

/** The diagnostic's text in the user's language. */
export function diagnosticText(d: PolicyDiagnostic): string {
  const a = (i: number): string => d.args[i] ?? '';
  const english = d.message;
  switch (d.code) {
    case 'syntax':
      return syntaxText(a(0));
    case 'empty':
      return vscode.l10n.t('The policy file is empty. It needs an object with "registries"; see the README for an example.');
    case 'wrongType':
      return vscode.l10n.t('{0} must be {1}, not {2}.', a(0), expectedType(a(1)), foundType(a(2)));
    case 'unknownProperty':
      return a(2) === ''
        ? vscode.l10n.t('Unknown property "{0}" in {1}. Allowed: {2}.', a(0), a(1), a(3))
        : vscode.l10n.t('Unknown property "{0}" in {1}. Did you mean "{2}"? Allowed: {3}.', a(0), a(1), a(2), a(3));
    case 'missingProperty':
      return vscode.l10n.t('{0} is missing "{1}".', a(0), a(1));
    case 'tooFewItems':
      return a(1) === '1' ? vscode.l10n.t('{0} needs at least one entry.', a(0)) : vscode.l10n.t('{0} needs at least {1} entries.', a(0), a(1));
    case 'emptyString':
      return vscode.l10n.t('{0} must not be empty.', a(0));
    case 'patternMismatch':
      return patternText(a(0), a(1), a(2));
    case 'notInEnum':
      return vscode.l10n.t('{0} must be one of {1}, not "{2}".', a(0), a(1), a(2));
    case 'emptyObject':
      return vscode.l10n.t('{0} must name at least {1} of {2}.', a(0), a(1), a(2));
    case 'duplicateKey':
      return vscode.l10n.t('"{0}" appears twice in {1}; keep one.', a(0), a(1));
    case 'duplicateRegistry':
      return vscode.l10n.t('{0} is already listed (registries[{1}]); put all of its rules in one entry.', a(0), a(1));
    case 'duplicateRule':
      return vscode.l10n.t('Another rule of {0} is already named "{1}" (rules[{2}]); rule names must be unique so reports can name them.', a(0), a(1), a(2));
    case 'hidesFromListings':
      return vscode.l10n.t('listEnabled: false hides these items from the registry’s listings, so later checks may no longer see them.');
    default:
      return english;
  }
}
