import * as assert from 'node:assert/strict';
import { parseDuration, parsePolicy, type PolicyDiagnostic } from '../../src/policy';

const ISSUE_EXAMPLE = `{
  "registries": [
    {
      "loginServer": "myregistry.azurecr.io",
      "rules": [
        {
          "name": "releases are immutable",
          "repositories": ["**"],          // globs; "team/*" matches one level, "team/**" any
          "tags": ["v*"],
          "exclude": ["latest", "sha256-*"],
          "olderThan": "7d",               // optional: only items last updated before that
          "level": "both",                 // "tag" | "manifest" | "both"
          "set": { "writeEnabled": false, "deleteEnabled": false }
        }
      ]
    }
  ]
}
`;

/** Where a diagnostic starts, one-based as a person reads it: `line:column`. */
function at(d: PolicyDiagnostic): string {
  return `${d.range.start.line + 1}:${d.range.start.character + 1}`;
}

function errors(text: string): PolicyDiagnostic[] {
  const parsed = parsePolicy(text);
  const found = parsed.diagnostics.filter((d) => d.severity === 'error');
  assert.ok(found.length > 0, 'the file has errors');
  assert.equal(parsed.policy, undefined, 'no policy from a file with errors');
  return found;
}

function rule(fields: string): string {
  return `{ "registries": [ { "loginServer": "r.azurecr.io", "rules": [ { "name": "r1", "repositories": ["**"], "tags": ["*"], ${fields} } ] } ] }`;
}

suite('policy file: parsing', () => {
  test('the issue’s example (with comments) parses, with every field', () => {
    const parsed = parsePolicy(ISSUE_EXAMPLE);
    assert.deepEqual(parsed.diagnostics, []);
    const policy = parsed.policy;
    assert.ok(policy);
    assert.equal(policy.registries.length, 1);
    const [registry] = policy.registries;
    assert.equal(registry.loginServer, 'myregistry.azurecr.io');
    const [r] = registry.rules;
    assert.equal(r.name, 'releases are immutable');
    assert.deepEqual(r.repositories, ['**']);
    assert.deepEqual(r.tags, ['v*']);
    assert.deepEqual(r.exclude, ['latest', 'sha256-*']);
    assert.deepEqual(r.olderThan, { text: '7d', milliseconds: 7 * 86_400_000 });
    assert.equal(r.level, 'both');
    assert.deepEqual(r.set, { writeEnabled: false, deleteEnabled: false });
    assert.equal(r.enabled, true);
    assert.deepEqual(r.excludeRepositories, []);
    assert.equal(r.index, 0);
    assert.deepEqual(r.range.start, { line: 6, character: 18 }, 'the rule points at its name');
  });

  test('defaults: level tag, enabled; trailing commas and block comments are accepted', () => {
    const parsed = parsePolicy(`/* policy */ { "registries": [ { "loginServer": "localhost:5000", "rules": [
      { "name": "a", "repositories": ["team/*"], "tags": ["*"], "set": { "readEnabled": true }, },
      { "name": "b", "enabled": false, "description": "off", "repositories": ["x"], "tags": ["y"], "set": { "listEnabled": true } },
    ], }, ], }`);
    assert.deepEqual(parsed.diagnostics, []);
    const rules = parsed.policy?.registries[0].rules ?? [];
    assert.equal(rules[0].level, 'tag');
    assert.equal(rules[0].olderThan, undefined);
    assert.equal(rules[1].enabled, false);
    assert.equal(rules[1].description, 'off');
    assert.equal(rules[1].index, 1);
  });

  test('durations: h, d, w; nothing else', () => {
    assert.equal(parseDuration('12h')?.milliseconds, 12 * 3_600_000);
    assert.equal(parseDuration('2w')?.milliseconds, 14 * 86_400_000);
    for (const bad of ['7', 'd', '0d', '7days', '1.5d', '-1d', '7D', '7m', ' 7d', '123456d']) {
      assert.equal(parseDuration(bad), undefined, bad);
    }
  });

  test('a syntax error is reported at its line and column, and nothing else is guessed', () => {
    const text = '{\n  "registries": [\n    { "loginServer": "r.azurecr.io" "rules": [] }\n  ]\n}\n';
    const found = errors(text);
    assert.deepEqual(
      found.map((d) => [d.code, at(d)]),
      [['syntax', '3:37']],
    );
    assert.match(found[0].message, /comma/i);
  });

  test('an empty file (or only a comment) is an error', () => {
    assert.deepEqual(errors('').map((d) => d.code), ['empty']);
    assert.deepEqual(errors('  // nothing\n').map((d) => d.code), ['empty']);
  });

  test('every schema problem is reported, each at the offending text', () => {
    const text = [
      '{',
      '  "registries": [',
      '    {',
      '      "loginServer": "https://r.azurecr.io",',
      '      "rules": [',
      '        {',
      '          "name": "",',
      '          "repositories": [],',
      '          "tags": ["v*", 3],',
      '          "exlude": ["latest"],',
      '          "olderThan": "7 days",',
      '          "level": "image",',
      '          "enabled": "yes",',
      '          "set": {}',
      '        },',
      '        { "name": "no set", "repositories": ["**"], "tags": ["*"] }',
      '      ]',
      '    }',
      '  ]',
      '}',
    ].join('\n');
    const found = errors(text);
    const summary = found.map((d) => `${d.code} ${at(d)}`);
    assert.deepEqual(summary, [
      'patternMismatch 4:22',
      'emptyString 7:19',
      'tooFewItems 8:27',
      'wrongType 9:26',
      'unknownProperty 10:11',
      'patternMismatch 11:24',
      'notInEnum 12:20',
      'wrongType 13:22',
      'emptyObject 14:18',
      'missingProperty 16:9',
    ]);
    const message = (code: string) => found.find((d) => d.code === code)?.message ?? '';
    assert.match(message('unknownProperty'), /"exlude".*Did you mean "exclude"\?/);
    // Two letters swapped is one slip, as a missing letter is.
    const swapped = errors(text.replace('"exlude"', '"excldue"')).find((d) => d.code === 'unknownProperty');
    assert.match(swapped?.message ?? '', /"excldue".*Did you mean "exclude"\?/);
    assert.match(found[5].message, /registries\[0\]\.rules\[0\]\.olderThan: "7 days" is not valid\. A duration/);
    assert.match(found[0].message, /without https:\/\//);
    assert.match(message('notInEnum'), /"tag", "manifest", "both"/);
    assert.match(message('missingProperty'), /registries\[0\]\.rules\[1\] is missing "set"/);
    assert.deepEqual(found[3].path, ['registries', 0, 'rules', 0, 'tags', 1]);
    // The facts behind each message, so the extension can word it in the user's language.
    const args = (code: string) => found.find((d) => d.code === code)?.args;
    assert.deepEqual(found[3].args, ['registries[0].rules[0].tags[1]', 'string', 'number']);
    assert.deepEqual(args('unknownProperty')?.slice(0, 3), ['exlude', 'registries[0].rules[0]', 'exclude']);
    assert.deepEqual(found[5].args, ['registries[0].rules[0].olderThan', '7 days', '^[1-9][0-9]{0,4}[hdw]$']);
    assert.deepEqual(args('missingProperty'), ['registries[0].rules[1]', 'set']);
    assert.deepEqual(args('tooFewItems'), ['registries[0].rules[0].repositories', '1']);
  });

  test('the top level: registries required, unknown keys refused, $schema and description allowed', () => {
    assert.deepEqual(errors('{}').map((d) => d.code), ['missingProperty']);
    assert.deepEqual(errors('[]').map((d) => d.code), ['wrongType']);
    assert.deepEqual(errors('{ "registries": [], "rule": [] }').map((d) => d.code), ['unknownProperty']);
    const ok = parsePolicy('{ "$schema": "./schemas/acr-locks.schema.json", "description": "d", "registries": [] }');
    assert.deepEqual(ok.diagnostics, []);
    assert.equal(ok.policy?.description, 'd');
  });

  test('what the schema cannot say: duplicate keys, login servers and rule names', () => {
    const duplicateKey = errors(rule('"set": { "writeEnabled": false }, "set": { "writeEnabled": true }'));
    assert.deepEqual(duplicateKey.map((d) => d.code), ['duplicateKey']);
    const servers = errors(`{ "registries": [
      { "loginServer": "R.azurecr.io", "rules": [] },
      { "loginServer": "r.azurecr.io", "rules": [] } ] }`);
    assert.deepEqual(servers.map((d) => [d.code, at(d)]), [['duplicateRegistry', '3:24']]);
    assert.match(servers[0].message, /already listed \(registries\[0\]\)/);
    const names = errors(`{ "registries": [ { "loginServer": "r.azurecr.io", "rules": [
      { "name": "lock", "repositories": ["a"], "tags": ["*"], "set": { "writeEnabled": false } },
      { "name": "lock", "repositories": ["b"], "tags": ["*"], "set": { "writeEnabled": false } } ] } ] }`);
    assert.deepEqual(names.map((d) => [d.code, at(d)]), [['duplicateRule', '3:17']]);
  });

  test('listEnabled: false is a warning, not an error: the policy still loads', () => {
    const parsed = parsePolicy(rule('"set": { "listEnabled": false }'));
    assert.ok(parsed.policy);
    assert.deepEqual(parsed.diagnostics.map((d) => [d.severity, d.code]), [['warning', 'hidesFromListings']]);
  });

  test('positions count CRLF and lone CR line ends as one line end each', () => {
    const text = '{\r\n  "registries": [\r\n\r    { "loginServer": 5, "rules": [] }\r\n  ]\r\n}';
    const found = errors(text);
    assert.deepEqual(found.map((d) => at(d)), ['4:22']);
    assert.equal(found[0].offset, text.indexOf('5'));
    assert.equal(found[0].length, 1);
  });
});
