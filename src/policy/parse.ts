/**
 * Reads a policy file (JSON with comments and trailing commas) into a `Policy`, or into the full
 * list of its problems, each at its line and column. A file with any error yields no policy, so
 * nothing is ever applied from it. Pure logic.
 */
import { type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { FLAG_NAMES, type LockChange } from '../locks/attributes';
import { buildDeployments, checkDeployments, type DeploymentProblemCode } from './deployments';
import { type Policy, type PolicyLevel, type PolicyRule, parseDuration, type RegistryPolicy, loginServerKey } from './model';
import { checkNestingDepth, MAX_POLICY_DEPTH } from './depth';
import { POLICY_SCHEMA } from './schema';
import { LineMap, type TextRange } from './text';
import { type JsonPath, pathText, type SchemaProblemCode, validateNode } from './validate';
import { booleanOf, property, stringOf, stringsOf } from './jsonNodes';

export type PolicyProblemCode =
  | 'syntax'
  | 'empty'
  | SchemaProblemCode
  | 'duplicateKey'
  | 'duplicateRegistry'
  | 'duplicateRule'
  | 'hidesFromListings'
  | DeploymentProblemCode;

export interface PolicyDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly code: PolicyProblemCode;
  /** In English (the command-line tool prints it). */
  readonly message: string;
  /**
   * The message's facts, so an editor can word it in the user's language (the extension maps
   * `code` to a localised text with these): syntax [jsonc-parser error name]; empty [];
   * the schema codes as SchemaProblem.args; duplicateKey [key, where]; duplicateRegistry
   * [login server, index of the first entry]; duplicateRule [login server, rule name, index of
   * the first rule]; hidesFromListings [].
   */
  readonly args: readonly string[];
  readonly offset: number;
  readonly length: number;
  readonly range: TextRange;
  readonly path: JsonPath;
}

export interface ParsedPolicy {
  /** Present only when no diagnostic is an error. */
  readonly policy?: Policy;
  readonly diagnostics: readonly PolicyDiagnostic[];
}

const SYNTAX_MESSAGES: Readonly<Record<string, string>> = {
  InvalidSymbol: 'Unexpected text here: not part of JSON.',
  InvalidNumberFormat: 'This number is not valid JSON.',
  PropertyNameExpected: 'A property name in double quotes was expected here.',
  ValueExpected: 'A value was expected here.',
  ColonExpected: 'A colon (:) was expected after the property name.',
  CommaExpected: 'A comma (,) was expected here.',
  CloseBraceExpected: 'A closing brace (}) was expected here.',
  CloseBracketExpected: 'A closing bracket (]) was expected here.',
  EndOfFileExpected: 'Only one value may be at the top of the file; this text follows it.',
  InvalidCommentToken: 'This comment is not closed or not valid.',
  UnexpectedEndOfComment: 'The comment is not closed (*/ missing).',
  UnexpectedEndOfString: 'The string is not closed (" missing).',
  UnexpectedEndOfNumber: 'The number ends too early.',
  InvalidUnicode: 'This \\u escape is not valid.',
  InvalidEscapeCharacter: 'This escape sequence is not valid in JSON.',
  InvalidCharacter: 'This character must be escaped inside a string.',
  TooDeep: `Objects and arrays are nested more than ${MAX_POLICY_DEPTH} levels deep here; a policy file needs about five. The file was not read further.`,
};

export function parsePolicy(text: string): ParsedPolicy {
  const lines = new LineMap(text);
  const diagnostics: PolicyDiagnostic[] = [];
  const report: Report = (severity, code, message, args, offset, length, path) => {
    diagnostics.push({ severity, code, message, args, offset, length, range: lines.range(offset, length), path });
  };
  const tooDeep = checkNestingDepth(text);
  if (tooDeep !== undefined) {
    report('error', 'syntax', SYNTAX_MESSAGES.TooDeep ?? '', ['TooDeep'], tooDeep.offset, 1, []);
    return { diagnostics };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  for (const error of errors) {
    const name = printParseErrorCode(error.error);
    report('error', 'syntax', SYNTAX_MESSAGES[name] ?? `JSON syntax error (${name}).`, [name], error.offset, error.length, []);
  }
  if (errors.length > 0) {
    // The shape of a broken tree is guesswork: fix the syntax first, then the rest is checked.
    return { diagnostics };
  }
  if (root === undefined) {
    report('error', 'empty', 'The policy file is empty. It needs an object with "registries"; see the README for an example.', [], 0, 0, []);
    return { diagnostics };
  }
  const problems: Parameters<typeof validateNode>[3] = [];
  validateNode(POLICY_SCHEMA, root, [], problems);
  for (const p of problems) {
    report('error', p.code, p.message, p.args, p.offset, p.length, p.path);
  }
  checkDuplicateKeys(root, [], report);
  if (diagnostics.some((d) => d.severity === 'error')) {
    return { diagnostics };
  }
  const policy = buildPolicy(root, lines);
  checkMeaning(policy, root, report);
  checkDeployments(policy.deployments ?? [], root, report);
  return diagnostics.some((d) => d.severity === 'error') ? { diagnostics } : { policy, diagnostics };
}

type Report = (
  severity: PolicyDiagnostic['severity'],
  code: PolicyProblemCode,
  message: string,
  args: readonly string[],
  offset: number,
  length: number,
  path: JsonPath,
) => void;

function checkDuplicateKeys(node: Node, path: JsonPath, report: Report): void {
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (keyNode === undefined || typeof keyNode.value !== 'string') {
        continue;
      }
      if (seen.has(keyNode.value)) {
        report('error', 'duplicateKey', `"${keyNode.value}" appears twice in ${pathText(path)}; keep one.`, [keyNode.value, pathText(path)], keyNode.offset, keyNode.length, [
          ...path,
          keyNode.value,
        ]);
      }
      seen.add(keyNode.value);
      if (valueNode !== undefined) {
        checkDuplicateKeys(valueNode, [...path, keyNode.value], report);
      }
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((child, index) => checkDuplicateKeys(child, [...path, index], report));
  }
}

// ---- Building the model from a tree that passed the schema (so the shapes are known). ----

function rangeOf(node: Node | undefined, fallback: Node, lines: LineMap): TextRange {
  const at = node ?? fallback;
  return lines.range(at.offset, at.length);
}

function isLevel(value: string | undefined): value is PolicyLevel {
  return value === 'tag' || value === 'manifest' || value === 'both';
}

function buildRule(node: Node, index: number, lines: LineMap): PolicyRule {
  const set: { -readonly [K in keyof LockChange]: boolean } = {};
  const setNode = property(node, 'set');
  for (const flag of FLAG_NAMES) {
    const value = setNode === undefined ? undefined : booleanOf(setNode, flag);
    if (value !== undefined) {
      set[flag] = value;
    }
  }
  const level = stringOf(node, 'level');
  const olderThan = stringOf(node, 'olderThan');
  const duration = olderThan === undefined ? undefined : parseDuration(olderThan);
  const description = stringOf(node, 'description');
  return {
    name: stringOf(node, 'name') ?? '',
    ...(description === undefined ? {} : { description }),
    enabled: booleanOf(node, 'enabled') ?? true,
    repositories: stringsOf(node, 'repositories') ?? [],
    excludeRepositories: stringsOf(node, 'excludeRepositories') ?? [],
    tags: stringsOf(node, 'tags') ?? [],
    exclude: stringsOf(node, 'exclude') ?? [],
    ...(duration === undefined ? {} : { olderThan: duration }),
    level: isLevel(level) ? level : 'tag',
    set,
    index,
    range: rangeOf(property(node, 'name'), node, lines),
  };
}

function buildPolicy(root: Node, lines: LineMap): Policy {
  const registries: RegistryPolicy[] = (property(root, 'registries')?.children ?? []).map((registry) => {
    const description = stringOf(registry, 'description');
    return {
      loginServer: stringOf(registry, 'loginServer') ?? '',
      ...(description === undefined ? {} : { description }),
      rules: (property(registry, 'rules')?.children ?? []).map((rule, index) => buildRule(rule, index, lines)),
      range: rangeOf(property(registry, 'loginServer'), registry, lines),
    };
  });
  const description = stringOf(root, 'description');
  const deployments = buildDeployments(root, lines);
  return { ...(description === undefined ? {} : { description }), registries, ...(deployments.length === 0 ? {} : { deployments }) };
}

/** What the schema cannot say: unique login servers and rule names; a warning for hidden items. */
function checkMeaning(policy: Policy, root: Node, report: Report): void {
  const registryNodes = property(root, 'registries')?.children ?? [];
  const servers = new Map<string, number>();
  policy.registries.forEach((registry, r) => {
    const registryNode = registryNodes[r];
    const key = loginServerKey(registry.loginServer);
    const first = servers.get(key);
    const serverNode = property(registryNode, 'loginServer') ?? registryNode;
    if (first !== undefined) {
      report(
        'error',
        'duplicateRegistry',
        `${registry.loginServer} is already listed (registries[${first}]); put all of its rules in one entry.`,
        [registry.loginServer, String(first)],
        serverNode.offset,
        serverNode.length,
        ['registries', r, 'loginServer'],
      );
    } else {
      servers.set(key, r);
    }
    const ruleNodes = property(registryNode, 'rules')?.children ?? [];
    const names = new Map<string, number>();
    registry.rules.forEach((rule, i) => {
      const ruleNode = ruleNodes[i];
      const nameNode = property(ruleNode, 'name') ?? ruleNode;
      const earlier = names.get(rule.name);
      if (earlier !== undefined) {
        report(
          'error',
          'duplicateRule',
          `Another rule of ${registry.loginServer} is already named "${rule.name}" (rules[${earlier}]); rule names must be unique so reports can name them.`,
          [registry.loginServer, rule.name, String(earlier)],
          nameNode.offset,
          nameNode.length,
          ['registries', r, 'rules', i, 'name'],
        );
      } else {
        names.set(rule.name, i);
      }
      const listNode = property(ruleNode, 'set');
      const hideNode = listNode === undefined ? undefined : property(listNode, 'listEnabled');
      if (rule.set.listEnabled === false && hideNode !== undefined) {
        report(
          'warning',
          'hidesFromListings',
          'listEnabled: false hides these items from the registry’s listings, so later checks may no longer see them.',
          [],
          hideNode.offset,
          hideNode.length,
          ['registries', r, 'rules', i, 'set', 'listEnabled'],
        );
      }
    });
  });
}
