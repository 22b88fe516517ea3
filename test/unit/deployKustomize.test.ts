// Kustomize overrides against the oracle: each fixture's committed `kubectl kustomize <case>/overlay`
// output (Kustomize 5.5, rendered by `kubectl kustomize test/fixtures/deploy/kustomize/<case>/overlay
// > test/fixtures/deploy/kustomize/<case>/<case>.rendered.yaml`), so the test needs no kubectl.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFile } from '../../src/deploy/extract';
import { applyKustomizeImage } from '../../src/deploy/formats/kustomize';
import { type KustomizeFs, resolveKustomization } from '../../src/deploy/kustomizeResolve';

const root = join(__dirname, '..', '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'deploy', 'kustomize');

suite('deploy extraction: Kustomize overrides (kubectl kustomize as oracle)', () => {
  const cases = readdirSync(fixtures);

  test('there are fixtures', () => {
    assert.ok(cases.length >= 3, `fixtures in ${fixtures}`);
  });

  for (const name of cases) {
    test(`${name}: the resolved images are the rendered ones`, () => {
      const rendered = join(fixtures, name, `${name}.rendered.yaml`);
      const oracle = extractFile(rendered, readFileSync(rendered, 'utf8'));
      assert.deepEqual(oracle.errors, []);
      const resolution = resolveKustomization(join(fixtures, name, 'overlay'));
      assert.deepEqual(resolution.errors, []);
      const expected = oracle.references.map((r) => r.text).sort();
      const actual = resolution.images.map((r) => r.image).sort();
      assert.ok(expected.length > 0);
      assert.deepEqual(actual, expected);
      for (const image of resolution.images) {
        assert.ok(image.source.line > 0 && image.source.file.includes(name), `source of ${image.image}`);
      }
    });
  }

  test('the kustomization file itself lists name and override, the override on its newName line', () => {
    const text = ['images:', '  - name: nginx', '    newName: myacr.azurecr.io/nginx', '    newTag: "1.27"', '  - name: redis', '    newTag: 7', 'resources: [a.yaml]', ''].join('\n');
    const refs = extractFile('kustomization.yaml', text).references.map((r) => [r.line, r.text, r.image, r.kind]);
    assert.deepEqual(refs, [
      [2, 'nginx', 'docker.io/library/nginx', 'image'],
      [3, 'myacr.azurecr.io/nginx:1.27', 'myacr.azurecr.io/nginx:1.27', 'image'],
      [5, 'redis', 'docker.io/library/redis', 'image'],
      [6, 'redis:7', 'docker.io/library/redis:7', 'image'],
    ]);
  });

  test('applyKustomizeImage matches the name exactly, any tag or digest', () => {
    assert.equal(applyKustomizeImage('nginx:1.0', { name: 'nginx', newTag: '2' }), 'nginx:2');
    assert.equal(applyKustomizeImage('nginx', { name: 'nginx', newName: 'a.io/n' }), 'a.io/n');
    assert.equal(applyKustomizeImage('docker.io/library/nginx:1', { name: 'nginx', newTag: '2' }), null);
    assert.equal(applyKustomizeImage('nginx@sha256:abc', { name: 'nginx', newTag: '2' }), 'nginx:2');
  });

  test('a cycle and a missing base are errors, not hangs', () => {
    const files = new Map([
      ['/k/a/kustomization.yaml', 'resources: [../b, missing.yaml]'],
      ['/k/b/kustomization.yaml', 'resources: [../a]'],
    ]);
    const fs: KustomizeFs = { readFile: (p) => files.get(p), isDirectory: (p) => p === '/k/a' || p === '/k/b' };
    const resolution = resolveKustomization('/k/a', fs);
    assert.ok(resolution.errors.some((e) => e.includes('cycle')), resolution.errors.join('\n'));
    assert.ok(resolution.errors.some((e) => e.includes('missing.yaml')), resolution.errors.join('\n'));
  });
});
