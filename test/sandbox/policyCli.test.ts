/**
 * The command-line tool (dist/cli.js) in plain Node, against the sandbox: through its CONNECT
 * proxy with HTTPS_PROXY and NODE_EXTRA_CA_CERTS like any pipeline, and at a host:port login
 * server. plan → 2 with the expected drift, apply → 0 (az confirms), plan → 0, a second apply
 * sends no PATCH; bad flags and bad files → 1 and nothing sent; the password never printed;
 * the packed tarball installs offline and runs without VS Code.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../runner/paths';
import { start, type Sandbox } from './index';
import { admin, azEnv, hasBinary, run } from './testUtil';
import { demoPolicyText } from './demoPolicy';
import { cliNode, MIN_NODE_MAJOR as MIN_MAJOR } from './cliRun';
import { olderNode } from '../support/olderNode';

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface PlanJson {
  exitCode: number;
  registries: {
    loginServer: string;
    inPolicy: boolean;
    error?: string;
    repositories: { repository: string; changes: { kind: string; repository: string; tag?: string; digest?: string; change: Record<string, boolean>; rules: string[] }[] }[];
    applied?: {
      changed: number;
      unchanged: number;
      failed: number;
      cancelled: number;
      maybeApplied: number;
      notAttempted: number;
      items: { tag?: string; digest?: string; change: Record<string, boolean>; status: string }[];
    };
  }[];
}

const CLI = join(repoRoot, 'dist', 'cli.js');

describe('acr-locks command-line tool against the sandbox', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  let dir: string;
  let node: string;
  let password: string;
  let policy: string;
  const outputs: string[] = [];

  before(async function () {
    this.timeout(900_000);
    node = await cliNode();
    assert.ok(existsSync(CLI), `${CLI} is missing: npm run build`);
    sandbox = await start({ seed: 'demo' });
    password = admin(sandbox).password;
    dir = mkdtempSync(join(tmpdir(), 'acr-locks-cli-'));
    policy = join(dir, '.acr-locks.json');
    writeFileSync(policy, demoPolicyText('sandbox.azurecr.io'));
  });
  after(async () => {
    await sandbox?.stop();
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  function baseEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      NODE_EXTRA_CA_CERTS: sandbox.caFile,
      HTTPS_PROXY: sandbox.proxy,
      ...extra,
    };
  }

  /** Runs the tool; the sandbox is in this process, so never synchronously. */
  function cli(args: readonly string[], options: { env?: NodeJS.ProcessEnv; stdin?: string; program?: string } = {}): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(node, [options.program ?? CLI, ...args], {
        env: options.env ?? baseEnv({ ACR_PASSWORD: password }),
        stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.stdin?.end(options.stdin);
      child.on('error', reject);
      child.on('close', (status) => {
        outputs.push(stdout, stderr);
        resolve({ status, stdout, stderr });
      });
    });
  }

  function changesOf(result: CliResult): string[] {
    const json = JSON.parse(result.stdout) as PlanJson;
    return json.registries.flatMap((r) =>
      r.repositories.flatMap((repo) => repo.changes.map((c) => `${c.repository}${c.tag === undefined ? `@${c.digest ?? ''}` : `:${c.tag}`} ${JSON.stringify(c.change)} ${c.rules.join(';')}`)),
    );
  }

  const digest = (repo: string, tag: string): string => {
    const found = sandbox.control.getTag('sandbox', repo, tag)?.digest;
    assert.ok(found);
    return found;
  };

  it('plan exits 2 and reports exactly the drift, from listings only (no request per tag, nothing changed)', async () => {
    sandbox.stats.reset();
    const result = await cli(['plan', '--policy', policy, '--username', 'sandbox', '--registry', 'sandbox.azurecr.io', '--json']);
    assert.equal(result.status, 2, result.stderr);
    assert.deepEqual(changesOf(result), [
      'hello-world:v2 {"writeEnabled":false} releases are immutable',
      'hello-world:v3 {"deleteEnabled":false} releases are immutable',
      `team/app@${digest('team/app', '1.0')} {"deleteEnabled":false} team images kept`,
    ]);
    const acr = sandbox.stats.filter({ pathPrefix: '/acr/v1/' }).filter((r) => r.status === 200);
    assert.deepEqual(
      acr.map((r) => `${r.method} ${r.path}${r.query.includes('n=1000') ? ' n=1000' : ''}`),
      [
        'GET /acr/v1/_catalog n=1000',
        'GET /acr/v1/hello-world/_tags n=1000',
        'GET /acr/v1/locked-repo/_tags n=1000',
        'GET /acr/v1/multiarch/_tags n=1000',
        'GET /acr/v1/team/app/_tags n=1000',
        'GET /acr/v1/team/app/_manifests n=1000',
      ],
    );
    assert.equal(sandbox.stats.count({ method: 'PATCH' }), 0);
    assert.match(result.stderr, /reading team\/app \(4 of 4\)/, 'progress goes to standard error');
  });

  it('plan without --json prints a readable table and says how to apply', async () => {
    const result = await cli(['plan', '--policy', policy, '-u', 'sandbox', '--registry', 'sandbox.azurecr.io']);
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stdout, /sandbox\.azurecr\.io: 3 items to change in 2 repositories; 2 of 5 selected items in policy\./);
    assert.match(result.stdout, /hello-world:v2 +writeEnabled → false +releases are immutable/);
    assert.match(result.stdout, /team\/app@sha256:42511ec +deleteEnabled → false +team images kept/);
    // The command it suggests runs as written: the same registry and user (a user name needs --registry), never the password.
    assert.ok(result.stderr.includes(`Drift found. Run acr-locks apply --policy ${policy} --registry sandbox.azurecr.io -u sandbox to change the registry to match.`), result.stderr);
  });

  it('apply exits 0, sends one PATCH per drifting item with only the differing flags, and az confirms', async function () {
    sandbox.stats.reset();
    const result = await cli(['apply', '--policy', policy, '-u', 'sandbox', '--registry', 'sandbox.azurecr.io', '--json', '--concurrency', '2']);
    assert.equal(result.status, 0, result.stderr);
    const json = JSON.parse(result.stdout) as PlanJson;
    const applied = json.registries[0]?.applied;
    assert.deepEqual(
      applied && [applied.changed, applied.unchanged, applied.failed, applied.cancelled, applied.maybeApplied, applied.notAttempted],
      [3, 0, 0, 0, 0, 0],
      'every outcome class is reported',
    );
    assert.deepEqual(
      applied?.items.map((i) => `${i.tag ?? i.digest ?? ''} ${JSON.stringify(i.change)} ${i.status}`),
      ['v2 {"writeEnabled":false} changed', 'v3 {"deleteEnabled":false} changed', `${digest('team/app', '1.0')} {"deleteEnabled":false} changed`],
    );
    assert.deepEqual(
      sandbox.stats.filter({ method: 'PATCH' }).map((r) => `${r.path} ${r.status}`).sort(),
      [`/acr/v1/hello-world/_tags/v2 200`, `/acr/v1/hello-world/_tags/v3 200`, `/acr/v1/team/app/_manifests/${digest('team/app', '1.0')} 200`],
    );
    const locked = { writeEnabled: false, deleteEnabled: false, readEnabled: true, listEnabled: true };
    assert.deepEqual(sandbox.control.getTag('sandbox', 'hello-world', 'v2')?.changeableAttributes, locked);
    assert.deepEqual(sandbox.control.getTag('sandbox', 'hello-world', 'v3')?.changeableAttributes, locked);
    assert.deepEqual(sandbox.control.getManifest('sandbox', 'team/app', digest('team/app', '1.0'))?.changeableAttributes, {
      writeEnabled: true,
      deleteEnabled: false,
      readEnabled: true,
      listEnabled: true,
    });

    if (!hasBinary('az')) {
      this.skip(); // az is not installed (apt-get install azure-cli; npm test installs it first, scripts/prerequisites.mjs).
    }
    const env = azEnv(sandbox, dir);
    for (const [image, expected] of [
      ['hello-world:v2', locked],
      ['hello-world:v3', locked],
      [`team/app@${digest('team/app', '1.0')}`, { writeEnabled: true, deleteEnabled: false, readEnabled: true, listEnabled: true }],
    ] as const) {
      const shown = await run('az', ['acr', 'repository', 'show', '-n', 'sandbox', '--image', image, '-u', 'sandbox', `--password=${password}`, '-o', 'json'], env);
      assert.equal(shown.status, 0, shown.stderr);
      const parsed = JSON.parse(shown.stdout) as { changeableAttributes: Record<string, boolean> };
      const { writeEnabled, deleteEnabled, readEnabled, listEnabled } = parsed.changeableAttributes;
      assert.deepEqual({ writeEnabled, deleteEnabled, readEnabled, listEnabled }, expected, image);
    }
  });

  it('then plan exits 0, and a second apply sends no PATCH', async () => {
    const plan = await cli(['plan', '--policy', policy, '-u', 'sandbox', '--registry', 'sandbox.azurecr.io', '--verbose']);
    assert.equal(plan.status, 0, plan.stderr);
    assert.match(plan.stderr, /\[debug\] POST \/oauth2\/token 200/, '--verbose logs each request');
    // Counted as the table lists them: the repositories with a selected item, not every one read (was "in 4 repositories").
    assert.match(plan.stdout, /sandbox\.azurecr\.io: in policy \(5 selected items in 2 repositories\)\./);
    assert.deepEqual(
      plan.stdout.split('\n').filter((l) => /^\S+ +\d+ +\d+ +\d+ +0 +0$/.test(l)).map((l) => l.split(' ')[0]),
      ['hello-world', 'team/app'],
    );
    sandbox.stats.reset();
    const again = await cli(['apply', '--policy', policy, '-u', 'sandbox', '--registry', 'sandbox.azurecr.io']);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /Nothing to change\./);
    assert.equal(sandbox.stats.count({ method: 'PATCH' }), 0);
  });

  it('reaches a host:port login server directly (no proxy), trusting the CA from NODE_EXTRA_CA_CERTS', async () => {
    const local = join(dir, 'local.acr-locks.json');
    const hostPort = new URL(sandbox.endpoint).host;
    writeFileSync(local, demoPolicyText(hostPort));
    const result = await cli(['plan', '--policy', local, '--registry', hostPort, '-u', 'sandbox', '--json'], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, NODE_EXTRA_CA_CERTS: sandbox.caFile, ACR_PASSWORD: password },
    });
    assert.equal(result.status, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as PlanJson).registries[0]?.loginServer, hostPort);
    const untrusted = await cli(['plan', '--policy', local, '-u', 'sandbox', '--registry', hostPort], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, ACR_PASSWORD: password } });
    assert.equal(untrusted.status, 1);
    assert.match(untrusted.stderr, /certificate of localhost:\d+ is not trusted.*NODE_EXTRA_CA_CERTS/);
  });

  it('takes the password from standard input when ACR_PASSWORD is unset', async () => {
    const piped = await cli(['plan', '--policy', policy, '-u', 'sandbox', '--registry', 'sandbox.azurecr.io'], { env: baseEnv(), stdin: `${password}\n` });
    assert.equal(piped.status, 0, piped.stderr);
    sandbox.stats.reset();
    const empty = await cli(['plan', '--policy', policy, '-u', 'sandbox', '--registry', 'sandbox.azurecr.io'], { env: baseEnv(), stdin: '' });
    assert.equal(empty.status, 1);
    assert.match(empty.stderr, /No password for sandbox: standard input was empty and ACR_PASSWORD is not set\./);
    assert.equal(sandbox.stats.records.length, 0);
  });

  it('report prints every repository, tag (the hidden one too) and manifest with its four flags', async () => {
    const result = await cli(['report', '--policy', policy, '-u', 'sandbox', '--registry', 'sandbox.azurecr.io']);
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\r\n');
    assert.equal(lines[0], 'registry,kind,repository,tag,digest,writeEnabled,deleteEnabled,readEnabled,listEnabled,lastUpdatedOn,tags,listed,policy,rules,change');
    const repositories = sandbox.control.listRepositories('sandbox');
    const tags = repositories.flatMap((r) => sandbox.control.listTags('sandbox', r));
    const manifests = repositories.flatMap((r) => sandbox.control.listManifests('sandbox', r));
    assert.equal(lines.length - 1, repositories.length + tags.length + manifests.length);
    assert.ok(lines.includes(`sandbox.azurecr.io,tag,hello-world,beta,${digest('hello-world', 'beta')},true,true,true,false,2024-01-01T00:05:00.808Z,,false,,,`), 'the hidden tag, read directly');
    assert.ok(lines.some((l) => l.startsWith('sandbox.azurecr.io,tag,hello-world,v2,') && l.includes(',false,false,true,true,') && l.endsWith(',inPolicy,releases are immutable,')));
    const json = await cli(['report', '--policy', policy, '-u', 'sandbox', '--registry', 'sandbox.azurecr.io', '--json', '--repository', 'team/*']);
    const parsed = JSON.parse(json.stdout) as { registries: { items: { repository: string }[] }[] };
    assert.deepEqual([...new Set(parsed.registries[0]?.items.map((i) => i.repository))], ['team/app']);
  });

  it('bad flags exit 1 with a clear message and send nothing', async () => {
    sandbox.stats.reset();
    const cases: [string[], RegExp][] = [
      [['plan'], /--policy FILE is required/],
      [['lock', '--policy', policy], /Unknown command/],
      [['plan', '--policy', policy, '--concurrency', '100'], /--concurrency must be a whole number from 1 to 32/],
      [['apply', '--policy', policy, '-u', 'sandbox', '--registry', 'sandbox.azurecr.io', `--password=${password}`], /--password is not accepted/],
      [['apply', '--policy', policy, '--force'], /Unknown option --force/],
      [['plan', '--policy', policy, '--registry', 'other.azurecr.io', '-u', 'sandbox'], /has no entry for other\.azurecr\.io \(it has: sandbox\.azurecr\.io\)/],
      [['plan', '--policy', join(dir, 'missing.json')], /Cannot read the policy file .*missing\.json \(ENOENT\)/],
    ];
    for (const [args, message] of cases) {
      const result = await cli(args);
      assert.equal(result.status, 1, args.join(' '));
      assert.match(result.stderr, message, args.join(' '));
      assert.equal(result.stdout, '', args.join(' '));
    }
    assert.equal(sandbox.stats.records.length, 0, 'nothing was sent');
  });

  it('a bad policy file exits 1 with each problem at its line and sends nothing', async () => {
    sandbox.stats.reset();
    const syntax = join(dir, 'syntax.acr-locks.json');
    writeFileSync(syntax, '{\n  "registries": [\n    { "loginServer": "sandbox.azurecr.io" "rules": [] }\n  ]\n}\n');
    const broken = await cli(['apply', '--policy', syntax, '-u', 'sandbox', '--registry', 'sandbox.azurecr.io']);
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /syntax\.acr-locks\.json:3:43: error: A comma \(,\) was expected here\./);
    assert.match(broken.stderr, /has 1 error \(above\); nothing was checked or applied\./);

    const schema = join(dir, 'schema.acr-locks.json');
    writeFileSync(schema, demoPolicyText('sandbox.azurecr.io').replace('"level": "manifest"', '"level": "manifests"'));
    const invalid = await cli(['apply', '--policy', schema, '-u', 'sandbox', '--registry', 'sandbox.azurecr.io']);
    assert.equal(invalid.status, 1);
    assert.match(invalid.stderr, /schema\.acr-locks\.json:19:20: error: .*tag.*manifest.*both/);
    assert.equal(sandbox.stats.records.length, 0, 'nothing was sent');
  });

  it('conflicting rules: plan names both rules and the item, apply sends nothing; both exit 1', async () => {
    const conflicting = join(dir, 'conflict.acr-locks.json');
    writeFileSync(
      conflicting,
      demoPolicyText('sandbox.azurecr.io').replace('"set": { "deleteEnabled": false }', '"set": { "deleteEnabled": false }\n        },\n        { "name": "team images deletable", "repositories": ["team/app"], "tags": ["1.0"], "level": "manifest", "set": { "deleteEnabled": true }'),
    );
    const plan = await cli(['plan', '--policy', conflicting, '-u', 'sandbox', '--registry', 'sandbox.azurecr.io']);
    assert.equal(plan.status, 1, plan.stderr);
    assert.match(plan.stdout, new RegExp(`team/app@sha256:42511ec deleteEnabled: "team images kept" sets false \\(via 1\\.0\\); "team images deletable" sets true \\(via 1\\.0\\)`));
    sandbox.stats.reset();
    const apply = await cli(['apply', '--policy', conflicting, '-u', 'sandbox', '--registry', 'sandbox.azurecr.io']);
    assert.equal(apply.status, 1);
    assert.match(apply.stdout, /"team images kept" sets false \(via 1\.0\); "team images deletable" sets true/);
    assert.match(apply.stderr, /acr-locks: sandbox\.azurecr\.io: The policy has 1 conflicting setting; nothing was applied\. Fix the rules named in the conflicts\./);
    assert.equal(sandbox.stats.count({ method: 'PATCH' }), 0);
  });

  describe('a registry that cannot be trusted', () => {
    afterEach(() => sandbox.control.setHostile(undefined));

    it('a PATCH answered without the change is not counted as applied: exit 1, every item named', async () => {
      sandbox.control.setTagAttributes('sandbox', 'hello-world', 'v2', { writeEnabled: true });
      sandbox.control.setHostile('ignorePatch');
      const result = await cli(['apply', '--policy', policy, '-u', 'sandbox', '--registry', 'sandbox.azurecr.io']);
      assert.equal(result.status, 1);
      assert.match(result.stdout, /hello-world:v2 +writeEnabled → false +FAILED +sandbox\.azurecr\.io: hello-world:v2: asked for writeEnabled=false, the registry answered writeEnabled=true/);
      assert.match(result.stdout, /0 changed, 0 already as wanted, 1 failed, 0 cancelled, 0 may have been applied, 0 not attempted \(of 1\)/);
      assert.match(result.stderr, /0 of 1 change in place; 1 failed, 0 cancelled, 0 may have been applied, 0 not attempted\. Fix the cause \(above\) and run apply again\./);
      sandbox.control.setHostile(undefined);
      assert.equal((await cli(['apply', '--policy', policy, '-u', 'sandbox', '--registry', 'sandbox.azurecr.io'])).status, 0);
    });

    it('a redirect to another origin stops the run and nothing reaches that origin', async () => {
      sandbox.control.setHostile('crossOriginRedirect');
      const before = sandbox.evil.requests.length;
      const result = await cli(['plan', '--policy', policy, '-u', 'sandbox', '--registry', 'sandbox.azurecr.io']);
      assert.equal(result.status, 1);
      assert.match(result.stderr, /pointed to another server \([\w.]+:\d+\); nothing was sent there/);
      assert.equal(sandbox.evil.requests.length, before);
    });

    it('answers without changeableAttributes are an error, never "all enabled"', async () => {
      sandbox.control.setHostile('omitAttributes');
      const result = await cli(['plan', '--policy', policy, '-u', 'sandbox', '--registry', 'sandbox.azurecr.io']);
      assert.equal(result.status, 1);
      assert.match(result.stderr, /acr-locks: sandbox\.azurecr\.io: The registry answered for .* without its changeable attributes\./);
      assert.doesNotMatch(result.stdout, /to change|in policy/);
    });

    it('Azure credentials are not sent to a login server outside the ACR domains (without --trust-custom-domain)', async () => {
      const local = join(dir, 'custom.acr-locks.json');
      const hostPort = new URL(sandbox.endpoint).host;
      writeFileSync(local, demoPolicyText(hostPort));
      sandbox.stats.reset();
      const result = await cli(['plan', '--policy', local], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, NODE_EXTRA_CA_CERTS: sandbox.caFile } });
      assert.equal(result.status, 1);
      assert.match(result.stderr, /is not an Azure Container Registry domain, so no Azure token was sent to it\. If it is your registry's custom domain, add --trust-custom-domain/);
      assert.equal(sandbox.stats.records.length, 0);
    });
  });

  it('without -u and with no Azure sign-in: one line saying how to sign in, never the credential chain\'s raw text', async () => {
    // No ACR_PASSWORD, no AZURE_* variables, az not signed in (HOME is empty): every credential of the chain is unavailable.
    sandbox.stats.reset();
    const result = await cli(['plan', '--policy', policy, '--registry', 'sandbox.azurecr.io'], { env: baseEnv() });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /No Azure credential for sandbox\.azurecr\.io\. Sign in with `az login`, or set a service principal/);
    assert.doesNotMatch(result.stderr, /ChainedTokenCredential|CredentialUnavailableError|EnvironmentCredential|more characters not shown/, result.stderr);
    assert.ok(result.stderr.trimEnd().split('\n').length <= 2, result.stderr);
    assert.equal(sandbox.stats.count({ method: 'PATCH' }), 0);
  });

  it('rejected credentials exit 1 saying what to check', async () => {
    const result = await cli(['plan', '--policy', policy, '-u', 'sandbox', '--registry', 'sandbox.azurecr.io'], { env: baseEnv({ ACR_PASSWORD: 'not-the-password' }) });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /sandbox\.azurecr\.io rejected the credentials\. Check --username and ACR_PASSWORD/);
  });

  it('the packed tarball installs offline and runs where VS Code is absent', async function () {
    this.timeout(180_000);
    const packDir = join(dir, 'pack');
    const packed = await run(process.execPath, [join(repoRoot, 'scripts', 'packCli.mjs'), '--no-build', '--out', packDir], { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir });
    assert.equal(packed.status, 0, packed.stderr);
    const tarball = packed.stdout.trim();
    const project = join(dir, 'project');
    writeFileSync(join(dir, 'npmrc'), '');
    const installed = await run('npm', ['install', '--prefix', project, '--offline', '--no-audit', '--no-fund', '--userconfig', join(dir, 'npmrc'), tarball], {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
    });
    assert.equal(installed.status, 0, installed.stderr);
    const bin = join(project, 'node_modules', 'acr-locks', 'cli.js');
    assert.ok(existsSync(join(project, 'node_modules', '.bin', 'acr-locks')));
    assert.ok(!existsSync(join(project, 'node_modules', 'vscode')));
    const version = await cli(['--version'], { program: bin });
    assert.equal(version.status, 0, version.stderr);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    const plan = await cli(['plan', '--policy', policy, '-u', 'sandbox', '--registry', 'sandbox.azurecr.io'], { program: bin });
    assert.equal(plan.status, 0, plan.stderr);
  });

  it(`refuses a Node.js older than ${MIN_MAJOR} with a clear message, and starts on a newer one`, async () => {
    // The run's own Node (22 or later under .ci/run) starts it; an older Node on PATH (Debian's 20) is refused.
    const own = await run(process.execPath, [CLI, '--version'], { PATH: process.env.PATH ?? '/usr/bin:/bin' });
    if (Number(process.versions.node.split('.')[0]) >= MIN_MAJOR) {
      assert.equal(own.status, 0, own.stderr);
    }
    const older = olderNode(MIN_MAJOR);
    if (older === undefined) {
      // No Node older than MIN_MAJOR on this machine (then this test's own Node is newer, and started it above).
      return;
    }
    const result = await run(older.path, [CLI, '--version'], { PATH: process.env.PATH ?? '/usr/bin:/bin' });
    assert.equal(result.status, 1);
    assert.match(result.stderr, new RegExp(`acr-locks needs Node\\.js ${MIN_MAJOR} or later; this is Node\\.js ${older.version.replace(/^v/, '').replace(/\./g, '\\.')}`));
  });

  describe('finally', () => {
    it('never printed the password, in any output of this suite', () => {
      assert.ok(outputs.length > 20);
      for (const text of outputs) {
        assert.ok(!text.includes(password), 'the password appeared in the output');
      }
    });
  });
});
