/**
 * ARM templates (JSON) through `jsonc-parser` (offsets for every node, comments and trailing commas
 * accepted): `image` string properties and App Service `linuxFxVersion` / `windowsFxVersion`
 * (`DOCKER|<image>`). Template expressions (`[format(…)]`, `[concat(…)]`, `[parameters('x')]`,
 * `[variables('x')]`) are evaluated from parameter `defaultValue`s and `variables`; anything else
 * stays unresolved (`template`). Nesting is checked with the scanner before the (recursive) parse.
 */
import { createScanner, type Node as JsonNode, type ParseError, parseTree } from 'jsonc-parser';
import type { Collector } from '../collector';
import { DeployInputError } from '../errors';
import { MAX_NESTING_DEPTH, MAX_NODES_VISITED } from '../limits';

/** jsonc-parser's SyntaxKind (a const enum, not importable under isolatedModules). */
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const EOF = 17;

const FX_PREFIX = 'DOCKER|';
const MAX_EVAL_DEPTH = 16;

export function isArmTemplate(text: string): boolean {
  return /deploymentTemplate\.json|deploymentParameters\.json/.test(text.slice(0, 4096)) || (text.includes('"contentVersion"') && text.includes('"resources"'));
}

export function checkJsonDepth(text: string): void {
  const scanner = createScanner(text, false);
  let depth = 0;
  for (let kind: number = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === OPEN_BRACE || kind === OPEN_BRACKET) {
      depth++;
      if (depth > MAX_NESTING_DEPTH) {
        throw new DeployInputError(`JSON nesting deeper than ${MAX_NESTING_DEPTH} levels`);
      }
    } else if (kind === CLOSE_BRACE || kind === CLOSE_BRACKET) {
      depth--;
    }
  }
}

function property(node: JsonNode | undefined, name: string): JsonNode | undefined {
  if (node?.type !== 'object') {
    return undefined;
  }
  for (const child of node.children ?? []) {
    if (child.children?.[0]?.value === name) {
      return child.children[1];
    }
  }
  return undefined;
}

export function extractArm(text: string, out: Collector): void {
  checkJsonDepth(text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!root || errors.length > 0) {
    const at = out.lines.position(errors[0]?.offset ?? 0);
    throw new DeployInputError(`JSON syntax error at line ${at.line}, column ${at.column}`);
  }
  const evaluator = new ArmEvaluator(property(root, 'parameters'), property(root, 'variables'));
  const stack: JsonNode[] = [root];
  let visited = 0;
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) {
      break;
    }
    if (++visited > MAX_NODES_VISITED) {
      throw new DeployInputError(`more than ${MAX_NODES_VISITED} JSON nodes`);
    }
    if (node.type === 'property') {
      const key = node.children?.[0]?.value as unknown;
      const value = node.children?.[1];
      if (value?.type === 'string' && (key === 'image' || key === 'linuxFxVersion' || key === 'windowsFxVersion')) {
        addValue(out, evaluator, key, value, text);
      }
    }
    for (const child of [...(node.children ?? [])].reverse()) {
      stack.push(child);
    }
  }
}

function addValue(out: Collector, evaluator: ArmEvaluator, key: string, node: JsonNode, text: string): void {
  const written = text.slice(node.offset + 1, node.offset + node.length - 1);
  const value = String(node.value);
  const evaluated = evaluator.evaluateString(value, 0);
  const fx = key !== 'image';
  if (evaluated === undefined) {
    if (!fx || value.includes(FX_PREFIX)) {
      out.add({ offset: node.offset + 1, text: written, template: true, note: `ARM ${key}: template expression not resolvable from defaults` });
    }
    return;
  }
  if (fx && !evaluated.startsWith(FX_PREFIX)) {
    return;
  }
  const image = fx ? evaluated.slice(FX_PREFIX.length) : evaluated;
  const isExpression = value.startsWith('[') && !value.startsWith('[[');
  const textOut = fx && !isExpression ? written.slice(FX_PREFIX.length) : written;
  const offset = fx && !isExpression ? node.offset + 1 + FX_PREFIX.length : node.offset + 1;
  out.add({ offset, text: textOut, value: image, note: `ARM ${key}${isExpression ? ` = ${image} (expression evaluated from parameter defaults/variables)` : ''}` });
}

type Value = string | undefined;

/** A tiny evaluator of ARM template expressions: string functions over parameter defaults and variables. */
class ArmEvaluator {
  constructor(
    private readonly parameters: JsonNode | undefined,
    private readonly variables: JsonNode | undefined,
  ) {}

  /** A JSON string value: a literal, or an expression `[…]` (`[[` escapes a literal `[`). */
  evaluateString(value: string, depth: number): Value {
    if (depth > MAX_EVAL_DEPTH) {
      return undefined;
    }
    if (value.startsWith('[[')) {
      return value.slice(1);
    }
    if (!value.startsWith('[') || !value.endsWith(']')) {
      return value;
    }
    const parser = new ExpressionParser(value.slice(1, -1));
    try {
      const result = this.evaluate(parser.parse(), depth);
      return parser.done() ? result : undefined;
    } catch {
      return undefined;
    }
  }

  private evaluate(expression: Expression, depth: number): Value {
    if (expression.type === 'string') {
      return expression.value;
    }
    const args = expression.args.map((arg) => this.evaluate(arg, depth));
    if (args.some((arg) => arg === undefined) || expression.property) {
      return undefined;
    }
    const strings = args as string[];
    switch (expression.name.toLowerCase()) {
      case 'parameters': {
        const defaultValue = property(property(this.parameters, strings[0] ?? ''), 'defaultValue');
        return defaultValue?.type === 'string' ? this.evaluateString(String(defaultValue.value), depth + 1) : undefined;
      }
      case 'variables': {
        const variable = property(this.variables, strings[0] ?? '');
        return variable?.type === 'string' ? this.evaluateString(String(variable.value), depth + 1) : undefined;
      }
      case 'format':
        return (strings[0] ?? '').replace(/\{(\d+)(?::[^}]*)?\}/g, (_, index: string) => strings[Number(index) + 1] ?? '');
      case 'concat':
        return strings.join('');
      case 'tolower':
        return strings[0]?.toLowerCase();
      case 'toupper':
        return strings[0]?.toUpperCase();
      case 'string':
        return strings[0];
      default:
        return undefined;
    }
  }
}

type Expression = { type: 'string'; value: string } | { type: 'call'; name: string; args: Expression[]; property: boolean };

/** Recursive descent over one expression string, depth bounded by MAX_EVAL_DEPTH nesting of calls. */
class ExpressionParser {
  private i = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  done(): boolean {
    this.skip();
    return this.i >= this.text.length;
  }

  parse(): Expression {
    this.skip();
    if (this.text[this.i] === "'") {
      let value = '';
      this.i++;
      while (this.i < this.text.length) {
        if (this.text[this.i] === "'" && this.text[this.i + 1] === "'") {
          value += "'";
          this.i += 2;
        } else if (this.text[this.i] === "'") {
          this.i++;
          return { type: 'string', value };
        } else {
          value += this.text[this.i];
          this.i++;
        }
      }
      throw new Error('unterminated string');
    }
    const name = /^[A-Za-z_][\w.]*/.exec(this.text.slice(this.i))?.[0];
    if (!name) {
      throw new Error('expected a function');
    }
    this.i += name.length;
    this.skip();
    const args: Expression[] = [];
    if (this.text[this.i] === '(') {
      if (++this.depth > MAX_EVAL_DEPTH) {
        throw new Error('too deep');
      }
      this.i++;
      this.skip();
      while (this.text[this.i] !== ')') {
        args.push(this.parse());
        this.skip();
        if (this.text[this.i] === ',') {
          this.i++;
        } else if (this.text[this.i] !== ')') {
          throw new Error('expected , or )');
        }
      }
      this.i++;
      this.depth--;
    }
    this.skip();
    let accessed = false;
    while (this.text[this.i] === '.' || this.text[this.i] === '[') {
      accessed = true;
      const close = this.text[this.i] === '[' ? this.text.indexOf(']', this.i) : -1;
      this.i = close >= 0 ? close + 1 : this.i + 1 + (/^[\w]*/.exec(this.text.slice(this.i + 1))?.[0].length ?? 0);
    }
    return { type: 'call', name, args, property: accessed };
  }

  private skip(): void {
    while (this.text[this.i] === ' ') {
      this.i++;
    }
  }
}
