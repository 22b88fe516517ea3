/**
 * "Protect what is deployed" through acr-locks (dist/cli.js) against the sandbox, with the demo
 * deployment folder test/fixtures/deploy/demo (Kubernetes, Helm values, Compose, a GitHub
 * workflow) and its policy: plan → 2 listing the unprotected deployed images by file:line (from
 * listings only), apply → 0 (az confirms tag and manifest flags), plan → 0 with no PATCH; the
 * floating tag is reported and left as it is; the missing-tag variant fails closed by file:line
 * and sends no PATCH; orphans are listed; release-orphans sends nothing without --yes.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../runner/paths';
import { start, type Sandbox } from './index';
import { admin, azEnv, hasBinary, run } from './testUtil';
import { cliNode } from './cliRun';

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface RefJson {
  path: string;
  line: number;
  image: string | null;
  status: string;
  message?: string;
}

interface DeployJson {
  exitCode: number;
  deployments: {
    inPolicy: boolean;
    references: RefJson[];
    changes: { label: string; change: Record<string, boolean>; deployedAt: string[] }[];
    orphans: { label: string }[];
    blockers: { kind: string; message: string }[];
    applied?: { changed: number; unchanged: number; failed: number };
  };
}

const CLI = join(repoRoot, 'dist', 'cli.js');
const DEMO = join(repoRoot, 'test', 'fixtures', 'deploy', 'demo');
const POLICY = join(DEMO, '.acr-locks.json');
const MISSING_POLICY = join(DEMO, 'missing.acr-locks.json');
const MULTIARCH = 'sha256:c2a613fc0ff07b9b8dabce290eace6996cb3bf05944f45c404011432e46f6b06';
const UNLOCKED = { writeEnabled: true, deleteEnabled: true, readEnabled: true, listEnabled: true };


describe('acr-locks: protect what is deployed, against the sandbox', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  let dir: string;
  let node: string;
  let password: string;

  before(async function () {
    this.timeout(900_000);
    node = await cliNode();
    assert.ok(existsSync(CLI), `${CLI} is missing: npm run build`);
    sandbox = await start({ seed: 'demo' });
    password = admin(sandbox).password;
    dir = mkdtempSync(join(tmpdir(), 'acr-locks-deploy-'));
  });
  after(async () => {
    await sandbox?.stop();
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  function cli(args: readonly string[]): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(node, [CLI, ...args], {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, NODE_EXTRA_CA_CERTS: sandbox.caFile, HTTPS_PROXY: sandbox.proxy, ACR_PASSWORD: password },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  }

  const digest = (repo: string, tag: string): string => {
    const found = sandbox.control.getTag('sandbox', repo, tag)?.digest;
    assert.ok(found);
    return found;
  };
  const OLD_BUILD = 'sha256:95470860f463c12824aa8829e3418aef7d847e0935301eb203aefc03e7041988';
  const at = (file: string, line: number): string => `${join(DEMO, file)}:${line}`;

  it('plan exits 2 and lists the unprotected deployed images by file:line, the floating tag, other registries and the orphans — from listings, nothing sent', async () => {
    // Two locks no deployment references (the seed's hello-world:v1 is a third).
    sandbox.control.setTagAttributes('sandbox', 'team/app', 'latest', { deleteEnabled: false });
    sandbox.control.setManifestAttributes('sandbox', 'hello-world', OLD_BUILD, { writeEnabled: false });
    sandbox.stats.reset();
    const result = await cli(['plan', '--policy', POLICY, '--registry', 'sandbox.azurecr.io', '-u', 'sandbox']);
    assert.equal(result.status, 2, result.stderr);
    const out = result.stdout;
    assert.match(out, /Deployments: 7 references in 4 files \("demo"\): 5 unprotected, 0 protected, 1 floating, 0 missing, 1 not managed here; 8 changes to make; 3 orphans\./);
    const row = (file: string, line: number, rest: string): RegExp => new RegExp(`${at(file, line).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +${rest}`);
    assert.match(out, row('k8s/deployment.yaml', 21, 'sandbox\\.azurecr\\.io/hello-world:v2 +tag writeEnabled → false; manifest deleteEnabled → false'));
    assert.match(out, row('k8s/deployment.yaml', 18, 'sandbox\\.azurecr\\.io/hello-world:v3 +tag deleteEnabled → false; manifest deleteEnabled → false'));
    assert.match(out, row('chart/values.yaml', 4, 'sandbox\\.azurecr\\.io/team/app:1\\.0 +tag writeEnabled → false, deleteEnabled → false; manifest deleteEnabled → false'));
    assert.match(out, row('.github/workflows/smoke.yml', 9, `sandbox\\.azurecr\\.io/multiarch@${MULTIARCH} +manifest deleteEnabled → false`));
    assert.match(out, row('compose.yaml', 4, `sandbox\\.azurecr\\.io/hello-world:latest +floating tag: pin by digest \\(sandbox\\.azurecr\\.io/hello-world@${digest('hello-world', 'latest')}\\)`));
    assert.match(out, /Not managed here[^\n]*\n[^\n]*\n[^\n]*compose\.yaml:8 +docker\.io\/library\/redis:7/);
    assert.match(out, /Orphans: 3 locked items in the deployed repositories that no deployment references \(release them with acr-locks release-orphans --policy .* --yes\)\./);
    assert.match(out, /hello-world:v1 +writeEnabled=false deleteEnabled=false/);
    assert.match(out, /team\/app:latest +deleteEnabled=false/);
    assert.match(out, /hello-world@sha256:9547086 +writeEnabled=false +\(untagged\)/);
    assert.match(result.stderr, /Drift found\./);
    assert.equal(sandbox.stats.count({ method: 'PATCH' }), 0);
    const reads = sandbox.stats.filter({ pathPrefix: '/acr/v1/' }).filter((r) => r.status === 200);
    assert.deepEqual(
      reads.map((r) => `${r.method} ${r.path}`).sort(),
      ['hello-world', 'multiarch', 'team/app'].flatMap((repo) => [`GET /acr/v1/${repo}/_manifests`, `GET /acr/v1/${repo}/_tags`]).sort(),
      'per repository: one tag listing and one manifest listing; no read per reference',
    );
  });

  it('apply exits 0 and protects exactly the deployed images (az confirms tag and manifest flags); the floating tag is left as it is', async function () {
    sandbox.stats.reset();
    const result = await cli(['apply', '--policy', POLICY, '--registry', 'sandbox.azurecr.io', '-u', 'sandbox', '--json']);
    assert.equal(result.status, 0, result.stderr);
    const json = JSON.parse(result.stdout) as DeployJson;
    assert.deepEqual(json.deployments.applied && [json.deployments.applied.changed, json.deployments.applied.unchanged, json.deployments.applied.failed], [8, 0, 0]);
    assert.deepEqual(
      sandbox.stats.filter({ method: 'PATCH' }).map((r) => `${r.path} ${r.status}`).sort(),
      [
        '/acr/v1/hello-world/_tags/v2 200',
        '/acr/v1/hello-world/_tags/v3 200',
        `/acr/v1/hello-world/_manifests/${digest('hello-world', 'v2')} 200`,
        `/acr/v1/hello-world/_manifests/${digest('hello-world', 'v3')} 200`,
        '/acr/v1/team/app/_tags/1.0 200',
        '/acr/v1/team/app/_tags/1.1 200',
        `/acr/v1/team/app/_manifests/${digest('team/app', '1.0')} 200`,
        `/acr/v1/multiarch/_manifests/${MULTIARCH} 200`,
      ].sort(),
    );
    // The floating tag and its manifest: untouched.
    assert.deepEqual(sandbox.control.getTag('sandbox', 'hello-world', 'latest')?.changeableAttributes, UNLOCKED);
    assert.deepEqual(sandbox.control.getManifest('sandbox', 'hello-world', digest('hello-world', 'latest'))?.changeableAttributes, UNLOCKED);

    if (!hasBinary('az')) {
      this.skip(); // az is not installed (apt-get install azure-cli; npm test installs it first).
    }
    const env = azEnv(sandbox, dir);
    const locked = { writeEnabled: false, deleteEnabled: false, readEnabled: true, listEnabled: true };
    const deleteProtected = { writeEnabled: true, deleteEnabled: false, readEnabled: true, listEnabled: true };
    for (const [image, expected] of [
      ['hello-world:v2', locked],
      [`hello-world@${digest('hello-world', 'v2')}`, deleteProtected],
      ['team/app:1.0', { ...locked, readEnabled: false }],
      [`team/app@${digest('team/app', '1.0')}`, deleteProtected],
      [`multiarch@${MULTIARCH}`, deleteProtected],
    ] as const) {
      const shown = await run('az', ['acr', 'repository', 'show', '-n', 'sandbox', '--image', image, '-u', 'sandbox', `--password=${password}`, '-o', 'json'], env);
      assert.equal(shown.status, 0, shown.stderr);
      const { writeEnabled, deleteEnabled, readEnabled, listEnabled } = (JSON.parse(shown.stdout) as { changeableAttributes: Record<string, boolean> }).changeableAttributes;
      assert.deepEqual({ writeEnabled, deleteEnabled, readEnabled, listEnabled }, expected, image);
    }
  });

  it('then plan exits 0 and sends no PATCH; the floating tag is still reported', async () => {
    sandbox.stats.reset();
    const result = await cli(['plan', '--policy', POLICY, '--registry', 'sandbox.azurecr.io', '-u', 'sandbox', '--json']);
    assert.equal(result.status, 0, result.stderr);
    const json = JSON.parse(result.stdout) as DeployJson;
    assert.equal(json.deployments.inPolicy, true);
    assert.deepEqual(json.deployments.changes, []);
    assert.deepEqual(
      json.deployments.references.map((r) => `${r.path.slice(DEMO.length + 1)}:${r.line} ${r.status}`),
      [
        '.github/workflows/smoke.yml:9 protected',
        'chart/values.yaml:4 protected',
        'compose.yaml:4 floating',
        'compose.yaml:8 notManaged',
        'k8s/deployment.yaml:18 protected',
        'k8s/deployment.yaml:21 protected',
        'k8s/deployment.yaml:23 protected',
      ],
    );
    assert.equal(sandbox.stats.count({ method: 'PATCH' }), 0);
  });

  it('a deployment of a missing tag fails closed: plan and apply exit 1 naming file:line, and apply sends no PATCH (not even for the rules)', async () => {
    sandbox.control.setTagAttributes('sandbox', 'hello-world', 'v2', { writeEnabled: true });
    sandbox.stats.reset();
    const plan = await cli(['plan', '--policy', MISSING_POLICY, '--registry', 'sandbox.azurecr.io', '-u', 'sandbox']);
    assert.equal(plan.status, 1, plan.stderr);
    const line = `${at('missing/deployment.yaml', 17)}: sandbox.azurecr.io/hello-world:v9: tag v9 not found in sandbox.azurecr.io/hello-world`;
    assert.ok(plan.stdout.includes(line), plan.stdout);
    const apply = await cli(['apply', '--policy', MISSING_POLICY, '--registry', 'sandbox.azurecr.io', '-u', 'sandbox']);
    assert.equal(apply.status, 1);
    assert.ok(apply.stdout.includes(line));
    assert.match(apply.stderr, /deployments: 1 problem \(listed above\) — nothing was changed/);
    assert.equal(sandbox.stats.count({ method: 'PATCH' }), 0);
    assert.equal(sandbox.control.getTag('sandbox', 'hello-world', 'v2')?.changeableAttributes.writeEnabled, true, 'the resolvable drift was not applied either');
    assert.equal(sandbox.control.getTag('sandbox', 'locked-repo', 'stable')?.changeableAttributes.writeEnabled, true, 'nor the rule');
    const partial = await cli(['apply', '--policy', MISSING_POLICY, '--registry', 'sandbox.azurecr.io', '-u', 'sandbox', '--allow-partial']);
    assert.equal(partial.status, 0, partial.stderr);
    assert.deepEqual(sandbox.stats.filter({ method: 'PATCH' }).map((r) => r.path).sort(), ['/acr/v1/hello-world/_tags/v2', '/acr/v1/locked-repo/_tags/stable']);
  });

  it('release-orphans lists the orphans and, without --yes, sends nothing; with --yes it releases exactly them', async () => {
    sandbox.stats.reset();
    const refused = await cli(['release-orphans', '--policy', POLICY, '--registry', 'sandbox.azurecr.io', '-u', 'sandbox']);
    assert.equal(refused.status, 1);
    assert.match(refused.stdout, /Orphans: 3 locked items/);
    assert.match(refused.stderr, /releases locks only with --yes: 3 items would be released \(above\)\. Nothing was sent\./);
    assert.equal(sandbox.stats.count({ method: 'PATCH' }), 0);

    const released = await cli(['release-orphans', '--policy', POLICY, '--registry', 'sandbox.azurecr.io', '-u', 'sandbox', '--yes']);
    assert.equal(released.status, 0, released.stderr);
    assert.match(released.stdout, /Released: 3 changed, 0 already as wanted, 0 failed/);
    assert.deepEqual(sandbox.control.getTag('sandbox', 'hello-world', 'v1')?.changeableAttributes, UNLOCKED);
    assert.deepEqual(sandbox.control.getTag('sandbox', 'team/app', 'latest')?.changeableAttributes, UNLOCKED);
    assert.deepEqual(sandbox.control.getManifest('sandbox', 'hello-world', OLD_BUILD)?.changeableAttributes, UNLOCKED);
    // What is deployed stays protected.
    const plan = await cli(['plan', '--policy', POLICY, '--registry', 'sandbox.azurecr.io', '-u', 'sandbox']);
    assert.equal(plan.status, 0, plan.stderr);
    assert.match(plan.stdout, /Orphans: 0 locked items/);
  });

  it('images lists every reference; with credentials, whether it exists and is protected', async () => {
    const offline = await cli(['images', DEMO]);
    assert.equal(offline.status, 0, offline.stderr);
    assert.match(offline.stdout, /compose\.yaml:8 +image +docker\.io\/library\/redis:7 +not managed here/);
    const resolved = await cli(['images', '--policy', MISSING_POLICY, '--registry', 'sandbox.azurecr.io', '-u', 'sandbox', '--json']);
    assert.equal(resolved.status, 1, 'the missing image is a problem');
    const json = JSON.parse(resolved.stdout) as DeployJson['deployments'];
    assert.deepEqual(
      json.references.map((r) => `${r.path.slice(DEMO.length + 1)}:${r.line} ${r.status}`),
      [
        '.github/workflows/smoke.yml:9 protected',
        'chart/values.yaml:4 protected',
        'compose.yaml:4 floating',
        'compose.yaml:8 notManaged',
        'k8s/deployment.yaml:18 protected',
        'k8s/deployment.yaml:21 protected',
        'k8s/deployment.yaml:23 protected',
        'missing/deployment.yaml:17 missing',
      ],
    );
  });
});
