// Data of any size and files of any depth end in a result or a clear error, never in
// "Maximum call stack size exceeded": 1,000,000 tags through evaluation, plan and the CLI's
// plan table; a 200,000-item page through listAllPages; a policy file nested 10,000 levels deep
// through the parser and the command-line tool.
import * as assert from 'node:assert/strict';
import { main, type CliIo } from '../../src/cli/main';
import { planText } from '../../src/cli/planText';
import { table } from '../../src/cli/table';
import { evaluatePolicy, parsePolicy, planPolicy, type PolicyTag } from '../../src/policy';
import { appendAll, maxOf } from '../../src/util/arrays';
import { listAllPages } from '../../src/registry/pages';
import { UNLOCKED } from '../../src/locks/attributes';
import { NOW, registryWith } from './policyFixtures';

const deep = (levels: number): string => `{"registries": ${'['.repeat(levels)}${']'.repeat(levels)}}`;

suite('data of any size, files of any depth', function () {
  this.timeout(60_000);

  test('appendAll and maxOf take 1,000,000 items', () => {
    const big = Array.from({ length: 1_000_000 }, (_, i) => i);
    assert.equal(appendAll([-1], big).length, 1_000_001);
    assert.equal(maxOf(big, 0), 999_999);
    assert.equal(maxOf([], 7), 7);
  });

  test('1,000,000 tags: evaluated, planned and printed as a table', () => {
    const tags: PolicyTag[] = [];
    for (let i = 0; i < 1_000_000; i++) {
      tags.push({ name: `v${i}`, digest: `sha256:${String(i).padStart(64, '0')}`, lastUpdatedOn: NOW, attributes: UNLOCKED });
    }
    const registry = registryWith([{ name: 'releases', repositories: ['big'], tags: ['v*'], level: 'tag', set: { writeEnabled: false } }]);
    const evaluation = evaluatePolicy(registry, { loginServer: 'r.azurecr.io', repositories: [{ name: 'big', tags }] }, { now: NOW });
    const plan = planPolicy(evaluation);
    assert.equal(plan.totals.changes, 1_000_000);
    const text = planText(plan);
    assert.match(text, /1000000 items to change/);
    assert.match(text, /big:v999999 +writeEnabled → false +releases/);
  });

  test('a table of 300,000 rows', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => [`row${i}`, String(i)]);
    assert.equal(table([{ title: 'A' }, { title: 'B', align: 'right' }], rows).split('\n').length, 300_001);
  });

  test('listAllPages with a 200,000-item page', async () => {
    const items = Array.from({ length: 200_000 }, (_, i) => i);
    const all = await listAllPages((token) => Promise.resolve(token === undefined ? { items, continuationToken: 'next' } : { items }), { maxPages: 3 });
    assert.equal(all.length, 400_000);
  });

  test('a policy file nested 10,000 levels deep is one clear error from the parser', () => {
    const parsed = parsePolicy(deep(10_000));
    assert.equal(parsed.policy, undefined);
    assert.equal(parsed.diagnostics.length, 1);
    const [d] = parsed.diagnostics;
    assert.equal(d?.code, 'syntax');
    assert.deepEqual(d?.args, ['TooDeep']);
    assert.match(d?.message ?? '', /nested more than 32 levels deep/);
    assert.equal(parsePolicy(deep(20)).diagnostics.some((x) => x.args[0] === 'TooDeep'), false, 'moderate nesting is left to the schema');
  });

  test('the command-line tool ends a 10,000-level file with exit 1 and the message, sending nothing', async () => {
    let stderr = '';
    const io: CliIo = {
      stdout: { write: () => true },
      stderr: { write: (t: string) => (stderr += t) },
      env: {},
      stdinIsTTY: true,
      readStdin: () => Promise.resolve({ kind: 'text', text: '' }),
      readFile: () => Promise.resolve(deep(10_000)),
      now: () => NOW,
      signal: new AbortController().signal,
    };
    const code = await main(['plan', '--policy', 'deep.json'], io);
    assert.equal(code, 1);
    assert.match(stderr, /deep\.json:1:\d+: error: Objects and arrays are nested more than 32 levels deep/);
    assert.match(stderr, /has 1 error \(above\); nothing was checked or applied/);
  });
});
