// Hostile and broken input: bounded time (< 2 s each) and an explicit error naming the file,
// never a crash, a hang or a silent empty result.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractFile, extractTree } from '../../src/deploy/extract';
import { MAX_FILE_BYTES } from '../../src/deploy/limits';

const LIMIT_MS = 2000;

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

function assertRefused(file: string, text: string, pattern: RegExp): void {
  const { value, ms } = timed(() => extractFile(file, text));
  assert.ok(ms < LIMIT_MS, `${file} took ${Math.round(ms)} ms`);
  assert.equal(value.errors.length, 1, JSON.stringify(value.errors));
  const error = value.errors[0]?.error ?? '';
  assert.ok(error.includes(file), `the error names the file: ${error}`);
  assert.match(error, pattern);
}

suite('deploy extraction: hostile input', () => {
  test('a 50 MB YAML file is refused by size', () => {
    const line = 'image: nginx:1.25\n';
    assertRefused('huge/values.yaml', line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)), /larger than/);
  });

  test('a large file under the limit (an eighth of it) is read in bounded time', function () {
    this.timeout(20_000);
    const doc = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.25\n---\n';
    const text = doc.repeat(Math.floor(MAX_FILE_BYTES / 8 / doc.length));
    const { value, ms } = timed(() => extractFile('many.yaml', text));
    assert.deepEqual(value.errors, []);
    assert.ok(value.references.length > 1000);
    assert.ok(ms < LIMIT_MS * 2, `${Math.round(ms)} ms`);
  });

  test('a YAML alias bomb (billion laughs) ends in an error', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(',')}]`);
    }
    assertRefused('bomb/kustomization.yaml', `${levels.join('\n')}\n`, /alias|nodes/);
  });

  test('an alias bomb inside a Kubernetes manifest is refused too', () => {
    const levels = ['x0: &x0 [{image: nginx}, {image: nginx}, {image: nginx}, {image: nginx}]'];
    for (let i = 1; i < 20; i++) {
      levels.push(`x${i}: &x${i} [*x${i - 1}, *x${i - 1}, *x${i - 1}, *x${i - 1}]`);
    }
    assertRefused('bomb.yaml', `apiVersion: v1\nkind: List\n${levels.join('\n')}\nitems: *x19\n`, /nodes|alias/);
  });

  test('10,000-level nesting: YAML flow, YAML block, compact sequences, JSON, HCL', function () {
    this.timeout(20_000);
    const depth = 10_000;
    assertRefused('flow.yaml', `a: ${'['.repeat(depth)}${']'.repeat(depth)}\n`, /nesting deeper/);
    assertRefused('compact.yaml', `${'- '.repeat(depth)}x\n`, /nesting deeper/);
    assertRefused('maps.yml', `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`, /nesting deeper/);
    assertRefused('azuredeploy.json', `{"contentVersion":"1","resources":${'['.repeat(depth)}${']'.repeat(depth)}}`, /nesting deeper/);
    assertRefused('main.tf', `${'a {\n'.repeat(depth)}${'}\n'.repeat(depth)}`, /nesting deeper/);
    const block = Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    const { value, ms } = timed(() => extractFile('block.yaml', block));
    assert.ok(ms < LIMIT_MS, `${Math.round(ms)} ms`);
    assert.equal(value.errors.length, 1);
    assert.ok(value.errors[0]?.error.startsWith('block.yaml: '));
  });

  test('a binary file named .yaml is refused as binary', () => {
    const bytes = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
    assertRefused('image.yaml', bytes, /binary/);
    assertRefused('Dockerfile', `FROM alpine\n\u0000\u0001`, /binary/);
  });

  test('broken YAML is an error naming the file and the line', () => {
    const { value } = timed(() => extractFile('broken.yaml', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: "unterminated\n'));
    assert.equal(value.errors.length, 1);
    assert.match(value.errors[0]?.error ?? '', /^broken\.yaml: YAML syntax error at line \d+/);
  });

  test('broken JSON of an ARM template is an error', () => {
    assertRefused('azuredeploy.json', '{"contentVersion": "1.0", "resources": [ {"image": ', /JSON syntax error/);
  });

  test('extractTree refuses an oversized file before reading it and names it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deploy-hostile-'));
    try {
      writeFileSync(join(dir, 'big.yaml'), Buffer.alloc(MAX_FILE_BYTES + 1, 0x61));
      writeFileSync(join(dir, 'bin.yml'), Buffer.from([0, 1, 2, 3, 0xff]));
      writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\n');
      const result = await extractTree(dir);
      assert.deepEqual(result.errors.map((e) => e.file).sort(), ['big.yaml', 'bin.yml']);
      assert.ok(result.errors.every((e) => e.error.startsWith(`${e.file}: `)));
      assert.deepEqual(result.references.map((r) => r.image), ['docker.io/library/alpine:3.20']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
