/**
 * The policy schema has two readers: VS Code (any JSON Schema validator, here ajv stands for it)
 * and the extension's own validator (validate.ts, which also gives positions and better words).
 * These tests hold them to the same verdicts, problem by problem, on written and mutated files.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { parse as parseJsonc } from 'jsonc-parser';
import { parsePolicy, POLICY_SCHEMA } from '../../src/policy';
import { schemaFileText } from '../../src/policy/writeSchema';
import { mulberry32 as random } from '../support/random';

const root = join(__dirname, '..', '..', '..');

/** Keywords VS Code reads that are not JSON Schema validation keywords. */
const VSCODE_KEYWORDS = ['allowComments', 'allowTrailingCommas', 'patternErrorMessage', 'enumDescriptions', 'defaultSnippets'];

function compileWithAjv(): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addVocabulary(VSCODE_KEYWORDS);
  return ajv.compile(JSON.parse(readFileSync(join(root, 'schemas', 'acr-locks.schema.json'), 'utf8')));
}

const SCHEMA_CODES: Readonly<Record<string, string>> = {
  wrongType: 'type',
  unknownProperty: 'additionalProperties',
  missingProperty: 'required',
  tooFewItems: 'minItems',
  emptyString: 'minLength',
  patternMismatch: 'pattern',
  notInEnum: 'enum',
  emptyObject: 'minProperties',
};

function pointer(path: readonly (string | number)[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The problems as `keyword pointer` lines; ajv's extra keywords on a value of the wrong type are dropped. */
function ajvVerdict(validate: ValidateFunction, value: unknown): string[] {
  validate(value);
  const errors: ErrorObject[] = validate.errors ?? [];
  const key = (e: ErrorObject): string => {
    const extra = e.keyword === 'additionalProperties' ? pointer([String(e.params.additionalProperty)]) : '';
    return `${e.keyword} ${e.instancePath}${extra}`;
  };
  const typed = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  return errors
    .filter((e) => e.keyword === 'type' || !typed.has(e.instancePath))
    .map(key)
    .sort();
}

function ourVerdict(text: string): string[] {
  return parsePolicy(text)
    .diagnostics.filter((d) => d.code in SCHEMA_CODES)
    .map((d) => `${SCHEMA_CODES[d.code]} ${pointer(d.path)}`)
    .sort();
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const GOOD: Json = {
  $schema: './schemas/acr-locks.schema.json',
  description: 'production locks',
  registries: [
    {
      loginServer: 'prod.azurecr.io',
      description: 'production',
      rules: [
        {
          name: 'releases are immutable',
          description: 'write-once release tags',
          enabled: true,
          repositories: ['**'],
          excludeRepositories: ['sandbox/**'],
          tags: ['v*'],
          exclude: ['latest', 'sha256-*'],
          olderThan: '7d',
          level: 'both',
          set: { writeEnabled: false, deleteEnabled: false },
        },
        { name: 'hide scratch', repositories: ['scratch/*'], tags: ['*'], set: { listEnabled: true, readEnabled: true } },
      ],
    },
    { loginServer: 'localhost:5000', rules: [] },
  ],
};

function clone(value: Json): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** Every container in the document, with a way to reach it. */
function containers(value: Json, out: Json[] = []): Json[] {
  if (Array.isArray(value)) {
    out.push(value);
    value.forEach((v) => containers(v, out));
  } else if (value !== null && typeof value === 'object') {
    out.push(value);
    Object.values(value).forEach((v) => containers(v, out));
  }
  return out;
}

const REPLACEMENTS: Json[] = [0, 'x', '', true, null, [], {}, ['a'], [''], '7d', '0d', 'tag', 'both', 'image', 'localhost:5000', 'https://a.io', { writeEnabled: 1 }];

function mutate(next: () => number): Json {
  const doc = clone(GOOD);
  const count = 1 + Math.floor(next() * 3);
  for (let m = 0; m < count; m += 1) {
    const all = containers(doc);
    const target = all[Math.floor(next() * all.length)];
    const pick = REPLACEMENTS[Math.floor(next() * REPLACEMENTS.length)];
    if (Array.isArray(target)) {
      if (target.length > 0 && next() < 0.5) {
        target[Math.floor(next() * target.length)] = clone(pick);
      } else if (next() < 0.5) {
        target.splice(0, target.length);
      } else {
        target.push(clone(pick));
      }
    } else if (target !== null && typeof target === 'object') {
      const keys = Object.keys(target);
      const roll = next();
      if (roll < 0.3 && keys.length > 0) {
        delete target[keys[Math.floor(next() * keys.length)]];
      } else if (roll < 0.4) {
        target.unexpected = clone(pick);
      } else if (keys.length > 0) {
        target[keys[Math.floor(next() * keys.length)]] = clone(pick);
      }
    }
  }
  return doc;
}

suite('policy schema', () => {
  test('schemas/acr-locks.schema.json is POLICY_SCHEMA written out', () => {
    const file = readFileSync(join(root, 'schemas', 'acr-locks.schema.json'), 'utf8');
    assert.equal(file, schemaFileText(), 'run `npm run -s build && node out/src/policy/writeSchema.js`');
  });

  test('package.json contributes the schema for .acr-locks.json and the policyFile setting', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      contributes: { jsonValidation: { fileMatch: string[]; url: string }[]; configuration: { properties: Record<string, { default?: unknown }> } };
    };
    const entry = manifest.contributes.jsonValidation.find((j) => j.url === './schemas/acr-locks.schema.json');
    assert.ok(entry?.fileMatch.includes('.acr-locks.json'));
    assert.equal(manifest.contributes.configuration.properties['acrLocks.policyFile'].default, '.acr-locks.json');
    assert.match(readFileSync(join(root, '.vscodeignore'), 'utf8'), /^!schemas\/\*\*$/m, 'the schema ships in the .vsix');
  });

  test('a strict JSON Schema validator accepts the schema (only VS Code’s own keywords added)', () => {
    assert.equal(typeof compileWithAjv(), 'function');
    assert.ok(POLICY_SCHEMA.allowComments && POLICY_SCHEMA.allowTrailingCommas);
  });

  test('written files: both validators find the same problems', () => {
    const validate = compileWithAjv();
    const cases = [
      JSON.stringify(GOOD),
      '{ "registries": [] }',
      '{}',
      '[]',
      '{ "registries": {} }',
      '{ "registries": [ { "loginServer": "r.azurecr.io" } ] }',
      '{ "registries": [ { "loginServer": "r.azurecr.io/", "rules": [] } ] }',
      '{ "registries": [ { "loginServer": "-r.io", "rules": [] } ] }',
      '{ "registries": [ { "loginServer": "r.io:123456", "rules": [] } ] }',
      '{ "registries": [ { "loginServer": "r.io", "rules": [ { "name": "a", "repositories": ["*"], "tags": ["*"], "set": { "writeEnabled": "false" } } ] } ] }',
      '{ "registries": [ { "loginServer": "r.io", "rules": [ { "name": "a", "repositories": ["*"], "tags": ["*"], "set": { "locked": true } } ] } ] }',
      '{ "registries": [ { "loginServer": "r.io", "rules": [ { "name": "a", "repositories": ["*"], "tags": ["*"], "level": 3, "set": { "readEnabled": true } } ] } ] }',
      '{ "registries": [ { "loginServer": "r.io", "rules": [ { "name": "a", "repositories": ["*"], "tags": ["*"], "olderThan": "99999w", "set": { "readEnabled": true } } ] } ] }',
      '{ "registries": [ { "loginServer": "r.io", "rules": [ { "name": "a", "repositories": ["*"], "tags": ["*"], "olderThan": "100000w", "set": { "readEnabled": true } } ] } ] }',
      '{ "registries": [ { "loginServer": "r.io", "rules": [ { "name": "a", "repositories": ["*"], "tags": ["*"], "exclude": [], "excludeRepositories": [""], "set": { "readEnabled": true } } ] } ] }',
      '{ "registries": [ { "loginServer": "r.io", "rules": [ { "repositories": "*", "tags": [null], "set": [] } ] } ] }',
      '// comment\n{ "registries": [ { "loginServer": "r.io", "rules": [ { "name": "a", "repositories": ["*"], "tags": ["*"], "set": { "readEnabled": true }, }, ], }, ], }',
    ];
    for (const text of cases) {
      assert.deepEqual(ourVerdict(text), ajvVerdict(validate, parseJsonc(text, [], { allowTrailingComma: true })), text);
    }
  });

  test('mutated files: both validators find the same problems', () => {
    const validate = compileWithAjv();
    const next = random(16);
    let invalid = 0;
    for (let i = 0; i < 600; i += 1) {
      const doc = mutate(next);
      const text = JSON.stringify(doc, null, 1);
      const expected = ajvVerdict(validate, doc);
      assert.deepEqual(ourVerdict(text), expected, text);
      invalid += expected.length > 0 ? 1 : 0;
    }
    assert.ok(invalid > 300 && invalid < 600, `${invalid} of 600 mutants invalid: the corpus has both kinds`);
  });

  test('beyond the schema: duplicates are errors although a schema validator accepts them', () => {
    const validate = compileWithAjv();
    const twice = {
      registries: [
        { loginServer: 'r.io', rules: [] },
        { loginServer: 'R.IO', rules: [] },
      ],
    };
    assert.equal(validate(twice), true);
    assert.deepEqual(
      parsePolicy(JSON.stringify(twice)).diagnostics.map((d) => d.code),
      ['duplicateRegistry'],
    );
  });
});
