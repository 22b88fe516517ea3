/**
 * "First-class in pipelines" against the sandbox: the pipeline formats written by plan/apply/
 * report (SARIF through Microsoft's validator, JUnit through a parser, GitHub and Azure Pipelines
 * commands line by line), `doctor` for the admin user, `viewer` and `locker`, apply as `viewer`
 * stopping before any PATCH, the audit log checked against `az acr repository show`, the GitHub
 * Action through @github/local-action, and the Azure Pipelines task's bundle with its INPUT_*
 * variables.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { repoRoot } from '../runner/paths';
import { type CliResult, cliNode, runCli } from './cliRun';
import { demoPolicyText } from './demoPolicy';
import { start, type Sandbox } from './index';
import { admin, azEnv, hasBinary, run, user } from './testUtil';
import { GITHUB_LINE, SARIF_MULTITOOL, validateSarif, VSO_ISSUE } from './pipelineChecks';

type Flags = { writeEnabled: boolean; deleteEnabled: boolean; readEnabled: boolean; listEnabled: boolean };

const LOCAL_ACTION = join(repoRoot, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js');
const TASK = join(repoRoot, 'dist', 'task.js');

describe('acr-locks in pipelines (formats, doctor, audit, Action, task) against the sandbox', function () {
  this.timeout(180_000);
  let sandbox: Sandbox;
  let dir: string;
  let node: string;
  let policy: string;
  let drifting: { repository: string; reference: string; flags: Flags }[];

  before(async function () {
    this.timeout(900_000);
    node = await cliNode();
    assert.ok(existsSync(join(repoRoot, 'dist', 'cli.js')) && existsSync(TASK), 'npm run build first');
    sandbox = await start({ seed: 'demo' });
    dir = mkdtempSync(join(tmpdir(), 'acr-locks-pipeline-'));
    policy = join(dir, '.acr-locks.json');
    writeFileSync(policy, demoPolicyText('sandbox.azurecr.io'));
    const planned = await cli(['plan', '--policy', policy, '--json']);
    const json = JSON.parse(planned.stdout) as { registries: { repositories: { changes: { repository: string; tag?: string; digest?: string }[] }[] }[] };
    drifting = json.registries[0].repositories.flatMap((r) => r.changes).map((c) => ({ repository: c.repository, reference: c.tag ?? c.digest ?? '', flags: attributesOf(c.repository, c.tag ?? c.digest ?? '') }));
    assert.equal(drifting.length, 3, planned.stdout);
  });
  after(async () => {
    await sandbox?.stop();
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  function attributesOf(repository: string, reference: string): Flags {
    const view = reference.startsWith('sha256:') ? sandbox.control.getManifest('sandbox', repository, reference) : sandbox.control.getTag('sandbox', repository, reference);
    const v = view as unknown as { changeableAttributes?: Flags; tag?: { changeableAttributes?: Flags }; manifest?: { changeableAttributes?: Flags } };
    const flags = v.changeableAttributes ?? v.tag?.changeableAttributes ?? v.manifest?.changeableAttributes;
    assert.ok(flags, JSON.stringify(view));
    return flags;
  }

  /** Puts the demo's drift back (the three items the demo policy wants changed). */
  function restoreDrift(): void {
    for (const d of drifting) {
      if (d.reference.startsWith('sha256:')) {
        sandbox.control.setManifestAttributes('sandbox', d.repository, d.reference, d.flags);
      } else {
        sandbox.control.setTagAttributes('sandbox', d.repository, d.reference, d.flags);
      }
    }
  }

  function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, NODE_EXTRA_CA_CERTS: sandbox.caFile, HTTPS_PROXY: sandbox.proxy, NODE_NO_WARNINGS: '1', ...extra };
  }

  function cli(args: readonly string[], as = 'sandbox', extra: NodeJS.ProcessEnv = {}): Promise<CliResult> {
    return runCli(node, [...args, '--registry', 'sandbox.azurecr.io', '-u', as], env({ ACR_PASSWORD: user(sandbox, as).password, ...extra }), { timeoutMs: 120_000 });
  }

  async function azFlags(repository: string, reference: string): Promise<Flags> {
    const a = admin(sandbox);
    const image = reference.startsWith('sha256:') ? `${repository}@${reference}` : `${repository}:${reference}`;
    const home = join(dir, 'az');
    const result = await run('az', ['acr', 'repository', 'show', '-n', 'sandbox', '--image', image, '-u', a.username, `--password=${a.password}`, '-o', 'json'], azEnv(sandbox, home), 90_000);
    assert.equal(result.status, 0, result.stderr);
    const v = JSON.parse(result.stdout) as { changeableAttributes?: Flags; tag?: { changeableAttributes?: Flags }; manifest?: { changeableAttributes?: Flags } };
    const flags = v.changeableAttributes ?? v.tag?.changeableAttributes ?? v.manifest?.changeableAttributes;
    assert.ok(flags, result.stdout);
    return flags;
  }

  function secrets(): string[] {
    return [...sandbox.users.map((u) => u.password), sandbox.aadToken];
  }

  describe('plan in every pipeline format', () => {
    before(() => restoreDrift());

    it('sarif: Microsoft\'s validator finds no error; each drift at its rule\'s line, uri relative to the repository', async function () {
      if (!existsSync(SARIF_MULTITOOL)) {
        this.skip();
      }
      const file = join(dir, 'plan.sarif');
      const result = await cli(['plan', '--policy', policy, '--format', 'sarif', '--output', file], 'sandbox', { GITHUB_WORKSPACE: dir });
      assert.equal(result.status, 2, result.stderr);
      assert.equal(result.stdout, '');
      validateSarif(file);
      const sarif = JSON.parse(readFileSync(file, 'utf8')) as { runs: { tool: { driver: { rules: unknown[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
      assert.equal(sarif.runs[0].tool.driver.rules.length, 6);
      const lines = readFileSync(policy, 'utf8').split('\n');
      const lineOf = (text: string): number => lines.findIndex((l) => l.includes(text)) + 1;
      assert.deepEqual(
        sarif.runs[0].results.map((r) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine]),
        [
          ['ACRL001', '.acr-locks.json', lineOf('"releases are immutable"')],
          ['ACRL001', '.acr-locks.json', lineOf('"releases are immutable"')],
          ['ACRL001', '.acr-locks.json', lineOf('"team images kept"')],
        ],
      );
    });

    it('sarif: an invalid policy file gives InvalidPolicy results at the error, and still validates', async function () {
      if (!existsSync(SARIF_MULTITOOL)) {
        this.skip();
      }
      const bad = join(dir, 'bad.acr-locks.json');
      writeFileSync(bad, '{\n  "registries": [\n    { "loginServer": "sandbox.azurecr.io", "rules": [ { "name": "x", "tags": ["v*"], "set": { "writeEnabled": "no" } } ] }\n  ]\n}\n');
      const file = join(dir, 'bad.sarif');
      sandbox.stats.reset();
      const result = await cli(['plan', '--policy', bad, '--format', 'sarif', '--output', file]);
      assert.equal(result.status, 1);
      assert.equal(sandbox.stats.records.length, 0, 'nothing sent');
      validateSarif(file);
      const sarif = JSON.parse(readFileSync(file, 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
      assert.ok(sarif.runs[0].results.length > 0);
      assert.ok(sarif.runs[0].results.every((r) => r.ruleId === 'ACRL006' && r.locations[0].physicalLocation.region.startLine === 3));
    });

    it('junit: parses, one test case per selected item, failures = drift', async () => {
      const file = join(dir, 'plan.xml');
      const result = await cli(['plan', '--policy', policy, '--format', 'junit', '--output', file]);
      assert.equal(result.status, 2, result.stderr);
      const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(readFileSync(file, 'utf8')) as {
        testsuites: { tests: string; failures: string; testsuite: { name: string; testcase: { name: string; failure?: unknown }[] }[] };
      };
      const cases = parsed.testsuites.testsuite.flatMap((s) => s.testcase);
      assert.equal(cases.length, 5, 'hello-world v1 v2 v3, two team/app manifests');
      assert.equal(Number(parsed.testsuites.tests), 5);
      assert.equal(Number(parsed.testsuites.failures), 3);
      assert.deepEqual(cases.filter((c) => c.failure !== undefined).map((c) => c.name.replace(/@.*/, '@…')).sort(), ['hello-world:v2', 'hello-world:v3', 'team/app@…']);
    });

    it('github: annotations line by line, the job summary appended to $GITHUB_STEP_SUMMARY', async () => {
      const summary = join(dir, 'step-summary.md');
      writeFileSync(summary, '# earlier step\n');
      const result = await cli(['plan', '--policy', policy, '--format', 'github'], 'sandbox', { GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: dir });
      assert.equal(result.status, 2, result.stderr);
      const commands = result.stdout.split('\n').filter((l) => l.startsWith('::'));
      assert.equal(commands.length, 3);
      for (const line of commands) {
        assert.match(line, GITHUB_LINE);
        assert.match(line, /^::error file=\.acr-locks\.json,line=\d+,col=\d+,title=LockDrift \(ACRL001\)::sandbox\.azurecr\.io\//);
      }
      const md = readFileSync(summary, 'utf8');
      assert.match(md, /^# earlier step\n## acr-locks plan/);
      assert.match(md, /\| sandbox\.azurecr\.io \| 5 \| 2 \| 3 \| 0 \|/);
    });

    it('azure-pipelines: logissue per drift, summary file uploaded', async () => {
      const result = await cli(['plan', '--policy', policy, '--format', 'azure-pipelines'], 'sandbox', { AGENT_TEMPDIRECTORY: dir, BUILD_SOURCESDIRECTORY: dir });
      assert.equal(result.status, 2, result.stderr);
      const commands = result.stdout.split('\n').filter((l) => l.startsWith('##vso['));
      assert.equal(commands.length, 4);
      for (const line of commands.slice(0, 3)) {
        assert.match(line, VSO_ISSUE);
        assert.match(line, /sourcepath=\.acr-locks\.json;linenumber=\d+;columnnumber=\d+;code=ACRL001\]/);
      }
      const upload = /^##vso\[task\.uploadsummary\](.+)$/.exec(commands[3]);
      assert.ok(upload, commands[3]);
      assert.equal(dirname(upload[1]), dir);
      assert.match(readFileSync(upload[1], 'utf8'), /## acr-locks plan/);
    });
  });

  describe('doctor: who, reachable, what this identity may do (nothing changed)', () => {
    it('admin user: lists, reads and changes; exit 0', async () => {
      sandbox.stats.reset();
      const result = await cli(['doctor']);
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /signed in as\s+admin user sandbox/);
      assert.match(result.stdout, /list repositories \(registry:catalog:\*\)\s+yes/);
      assert.match(result.stdout, /read lock flags of hello-world \(metadata_read\)\s+yes/);
      assert.match(result.stdout, /change locks of hello-world \(metadata_write\)\s+yes/);
      assert.equal(sandbox.stats.count({ method: 'PATCH' }), 0);
      assert.equal(sandbox.stats.filter().filter((r) => r.method !== 'GET' && !r.path.startsWith('/oauth2/')).length, 0, 'only reads and token requests');
    });

    it('viewer: lists and reads, cannot change locks — the fix in words; exit 1', async () => {
      const result = await cli(['doctor'], 'viewer');
      assert.equal(result.status, 1);
      assert.match(result.stdout, /signed in as\s+repository-scoped token viewer/);
      assert.match(result.stdout, /list repositories \(registry:catalog:\*\)\s+yes/);
      assert.match(result.stdout, /metadata_read\)\s+yes/);
      assert.match(result.stdout, /metadata_write\)\s+NO/);
      assert.match(result.stdout, /cannot change locks \(metadata_write not granted on hello-world\): AcrPush and AcrPull cannot change locks; assign Container Registry Repository Writer/);
      assert.match(result.stdout, /add metadata_write to its scope map/);
    }).timeout(60_000);

    it('locker: cannot list the catalog, but reads and changes a named repository; exit 0', async () => {
      const named = await cli(['doctor', '--repository', 'hello-world'], 'locker');
      assert.equal(named.status, 0, named.stdout);
      assert.match(named.stdout, /signed in as\s+repository-scoped token locker/);
      assert.match(named.stdout, /list repositories \(registry:catalog:\*\)\s+NO/);
      assert.match(named.stdout, /metadata_write\)\s+yes/);
      assert.match(named.stdout, /registry:catalog:\* not granted/);
      const unnamed = await cli(['doctor', '--format', 'json'], 'locker');
      const json = JSON.parse(unnamed.stdout) as { identity: { kind: string; username: string }; canListCatalog: boolean; canWriteMetadata?: boolean; problems: string[] };
      assert.deepEqual([json.identity.kind, json.identity.username, json.canListCatalog, json.canWriteMetadata], ['tokenUser', 'locker', false, undefined]);
      assert.ok(json.problems.some((p) => /--repository/.test(p)));
      for (const secret of secrets()) {
        assert.ok(!named.stdout.includes(secret) && !unnamed.stdout.includes(secret));
      }
    });
  });

  describe('apply: the permission check first, then the audit log', () => {
    it('apply as viewer stops before any PATCH, with the fix in words', async () => {
      sandbox.stats.reset();
      const result = await cli(['apply', '--policy', policy, '--verbose'], 'viewer');
      assert.equal(result.status, 1);
      assert.equal(sandbox.stats.count({ method: 'PATCH' }), 0);
      assert.doesNotMatch(result.stderr, /\bPATCH\b/);
      assert.match(result.stderr, /repository-scoped token viewer cannot change locks on hello-world, team\/app \(metadata_write not granted\); nothing was changed/);
      assert.match(result.stderr, /Container Registry Repository Writer/);
      assert.match(result.stderr, /acr-locks doctor --registry sandbox\.azurecr\.io --repository hello-world/);
    });

    it('apply --audit-log: one line per change, before/after as az shows, no secret; report --audit-log summarises', async () => {
      restoreDrift();
      const log = join(dir, 'audit.jsonl');
      const result = await cli(['apply', '--policy', policy, '--audit-log', log]);
      assert.equal(result.status, 0, result.stderr);
      const text = readFileSync(log, 'utf8');
      const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as { schema: string; tool: { name: string; version: string }; runId: string; identity: { kind: string; id: string }; registry: string; target: { kind: string; repository: string; tag?: string; digest?: string }; before: Flags; after: Flags; cause: { command: string; rules: string[] } });
      assert.equal(lines.length, 3);
      assert.equal(new Set(lines.map((l) => l.runId)).size, 1);
      for (const line of lines) {
        assert.equal(line.schema, 'acr-locks.audit/v1');
        assert.equal(line.tool.name, 'acr-locks');
        assert.deepEqual(line.identity, { kind: 'adminUser', id: 'sandbox' });
        assert.equal(line.registry, 'sandbox.azurecr.io');
        assert.equal(line.cause.command, 'apply');
        const reference = line.target.tag ?? line.target.digest ?? '';
        const expected = drifting.find((d) => d.repository === line.target.repository && d.reference === reference);
        assert.ok(expected, JSON.stringify(line.target));
        assert.deepEqual(line.before, expected.flags);
        assert.deepEqual(line.after, await azFlags(line.target.repository, reference), `${line.target.repository} ${reference}`);
        assert.notDeepEqual(line.after, line.before);
      }
      for (const secret of secrets()) {
        assert.ok(!text.includes(secret), 'a password or token in the audit log');
      }
      assert.doesNotMatch(text, /eyJ[A-Za-z0-9_-]{10,}/, 'no JWT in the audit log');
      const summary = await runCli(node, ['report', '--audit-log', log], env(), { timeoutMs: 30_000 });
      assert.equal(summary.status, 0, summary.stderr);
      assert.match(summary.stdout, /3 changes in 1 run\b/);
      assert.match(summary.stdout, /sandbox\.azurecr\.io\s+3\s+3\s+sandbox \(adminUser\)/);
      assert.match(summary.stdout, /sandbox\.azurecr\.io\/hello-world:v2\s+1\s+sandbox \(adminUser\)/);
    });
  });

  describe('the GitHub Action through @github/local-action', () => {
    async function localAction(inputs: Record<string, string>): Promise<{ status: number | null; stdout: string; outputs: Record<string, string>; summary: string }> {
      const work = mkdtempSync(join(dir, 'gha-'));
      const outputFile = join(work, 'output');
      const summaryFile = join(work, 'summary.md');
      writeFileSync(outputFile, '');
      writeFileSync(summaryFile, '');
      const dotenv = [...Object.entries(inputs).map(([k, v]) => `INPUT_${k.toUpperCase()}=${v}`), `GITHUB_OUTPUT=${outputFile}`, `GITHUB_STEP_SUMMARY=${summaryFile}`, `GITHUB_WORKSPACE=${dir}`].join('\n');
      writeFileSync(join(work, '.env'), `${dotenv}\n`);
      // local-action runs `npm exec tsx` from the working folder: Node >= 22 first on PATH, the repository as cwd.
      const result = await run(node, [LOCAL_ACTION, 'run', repoRoot, 'src/action/main.ts', join(work, '.env')], { ...env(), PATH: `${dirname(node)}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: process.env.HOME ?? dir }, 170_000);
      const outputs: Record<string, string> = {};
      for (const match of readFileSync(outputFile, 'utf8').matchAll(/^([\w-]+)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm)) {
        outputs[match[1]] = match[3];
      }
      return { status: result.status, stdout: result.stdout, outputs, summary: readFileSync(summaryFile, 'utf8') };
    }

    before(function () {
      if (!existsSync(LOCAL_ACTION)) {
        this.skip();
      }
    });

    it('plan sets drift, writes annotations and the job summary', async () => {
      restoreDrift();
      const a = admin(sandbox);
      const result = await localAction({ command: 'plan', policy, registry: 'sandbox.azurecr.io', username: a.username, password: a.password, 'fail-on': 'never', 'sarif-file': join(dir, 'action.sarif') });
      assert.equal(result.status, 0, result.stdout);
      assert.deepEqual(result.outputs, { changed: '0', drift: '3', failed: '0', 'exit-code': '2' });
      const annotations = result.stdout.split('\n').filter((l) => /^::(error|warning|notice) /.test(l));
      assert.equal(annotations.length, 3, result.stdout);
      annotations.forEach((l) => assert.match(l, GITHUB_LINE));
      assert.match(result.summary, /## acr-locks plan — \.acr-locks\.json/);
      assert.match(result.summary, /### Findings \(3\)/);
      assert.ok(existsSync(join(dir, 'action.sarif')));
    });

    it('apply locks (az confirms); fail-on drift passes once applied', async () => {
      const a = admin(sandbox);
      const result = await localAction({ command: 'apply', policy, registry: 'sandbox.azurecr.io', username: a.username, password: a.password });
      assert.equal(result.status, 0, result.stdout);
      assert.equal(result.outputs.changed, '3');
      assert.equal(result.outputs.failed, '0');
      assert.equal((await azFlags('hello-world', 'v2')).writeEnabled, false);
      assert.equal((await azFlags('hello-world', 'v3')).deleteEnabled, false);
    });
  });

  describe('the Azure Pipelines task (dist/task.js) with its INPUT_* variables', () => {
    function task(inputs: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
      const vars = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
      return run(node, [TASK], env({ ...vars, AGENT_TEMPDIRECTORY: dir, BUILD_SOURCESDIRECTORY: dir }), 120_000);
    }
    const variable = (stdout: string, name: string): string | undefined => new RegExp(`^##vso\\[task\\.setvariable variable=${name};isOutput=true\\](.*)$`, 'm').exec(stdout)?.[1];

    it('plan: drift as an output variable, issues on the policy lines, failOn drift fails the task', async () => {
      restoreDrift();
      const a = admin(sandbox);
      const result = await task({ command: 'plan', policy, registry: 'sandbox.azurecr.io', username: a.username, password: a.password });
      assert.equal(result.status, 1, result.stdout + result.stderr);
      assert.equal(variable(result.stdout, 'drift'), '3');
      assert.equal(variable(result.stdout, 'exitCode'), '2');
      assert.match(result.stdout, /^##vso\[task\.setsecret\]/m);
      assert.equal(result.stdout.split('\n').filter((l) => l.startsWith('##vso[task.logissue type=error;sourcepath=')).length, 3);
      assert.match(result.stdout, /^##vso\[task\.uploadsummary\]/m);
      assert.match(result.stdout, /^##vso\[task\.complete result=Failed\]acr-locks plan found drift/m);
    });

    it('apply: changes, az confirms, task succeeds', async () => {
      const a = admin(sandbox);
      const result = await task({ command: 'apply', policy, registry: 'sandbox.azurecr.io', username: a.username, password: a.password });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.equal(variable(result.stdout, 'changed'), '3');
      assert.equal(variable(result.stdout, 'failed'), '0');
      assert.equal((await azFlags('hello-world', 'v2')).writeEnabled, false);
      const manifest = drifting.find((d) => d.repository === 'team/app');
      assert.equal((await azFlags('team/app', manifest?.reference ?? '')).deleteEnabled, false);
    });
  });
});

describe('prerequisites of the pipeline tests', () => {
  it('az is installed', function () {
    if (!hasBinary('az')) {
      this.skip();
    }
  });
});
