// The seed documents' lock scenarios, applied with the extension's commands on a dedicated sandbox
// and verified with Debian's `az acr repository show` (azure-cli, a child process through the
// sandbox's CONNECT proxy): the changeableAttributes az prints are exactly the intended flags.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { type LockAttributes } from '../../src/locks/attributes';
import { parseAuditLog } from '../../src/locks/audit';
import { eventually } from '../support/poll';
import { type LockableNode } from '../../src/tree/nodes';
import { azHome, hasBinary } from '../sandbox/testUtil';
import { azShow as azShowIn, manifestNode, RecordingUi, repositoryNode, tagNode, useDedicatedSandbox } from './lockSupport';

const ALL_ON: LockAttributes = { writeEnabled: true, deleteEnabled: true, readEnabled: true, listEnabled: true };

suite('Lock commands: seed scenarios verified with az', function () {
  this.timeout(120_000);
  let home: string | undefined;
  const prompts = new RecordingUi();

  // Registered first: skipping here skips the sandbox setup below too.
  suiteSetup(function () {
    if (!hasBinary('az')) {
      console.log('    az (azure-cli) is not installed: skipping the az verification (apt-get install azure-cli; npm test installs it first, scripts/prerequisites.mjs)');
      this.skip();
    }
  });

  const dedicated = useDedicatedSandbox({ seed: 'demo' }, prompts, { confirmChanges: true, lockManifestWithTag: 'never' });

  suiteSetup(async () => {
    home = await azHome('acr-locks-az-');
  });

  suiteTeardown(() => {
    if (home) {
      rmSync(home, { recursive: true, force: true });
    }
  });

  const azShow = (...target: string[]): Promise<unknown> => {
    assert.ok(home);
    return azShowIn(dedicated.box, home, ...target);
  };

  function digestOf(repository: string, tag: string): string {
    const { sandbox: s, name } = dedicated.box;
    const digest = s.control.getTag(name, repository, tag)?.digest;
    assert.ok(digest);
    return digest;
  }

  interface Scenario {
    readonly title: string;
    readonly command: string;
    readonly node: () => Promise<LockableNode>;
    /** The `az acr repository show` target options. */
    readonly az: () => string[];
    readonly expected: LockAttributes;
  }

  const scenarios: Scenario[] = [
    {
      title: 'lock an image by tag (Lock on hello-world:latest)',
      command: 'lock',
      node: () => tagNode(dedicated.api, dedicated.box.registry, 'hello-world', 'latest'),
      az: () => ['--image', 'hello-world:latest'],
      expected: { ...ALL_ON, writeEnabled: false, deleteEnabled: false },
    },
    {
      title: 'lock by manifest digest (Lock on team/app@digest of latest)',
      command: 'lock',
      node: () => manifestNode(dedicated.api, dedicated.box.registry, 'team/app', digestOf('team/app', 'latest')),
      az: () => ['--image', `team/app@${digestOf('team/app', 'latest')}`],
      expected: { ...ALL_ON, writeEnabled: false, deleteEnabled: false },
    },
    {
      title: 'lock a repository (Lock on multiarch)',
      command: 'lock',
      node: () => Promise.resolve(repositoryNode(dedicated.box.registry, 'multiarch')),
      az: () => ['--repository', 'multiarch'],
      expected: { ...ALL_ON, writeEnabled: false, deleteEnabled: false },
    },
    {
      title: 'protect from deletion (team/app:latest)',
      command: 'protectFromDeletion',
      node: () => tagNode(dedicated.api, dedicated.box.registry, 'team/app', 'latest'),
      az: () => ['--image', 'team/app:latest'],
      expected: { ...ALL_ON, deleteEnabled: false },
    },
    {
      title: 'prevent updates, allow delete (hello-world:v2, delete-protected before)',
      command: 'preventUpdates',
      node: () => tagNode(dedicated.api, dedicated.box.registry, 'hello-world', 'v2'),
      az: () => ['--image', 'hello-world:v2'],
      expected: { ...ALL_ON, writeEnabled: false },
    },
    {
      title: 'block pulls (team/app:1.1)',
      command: 'blockPulls',
      node: () => tagNode(dedicated.api, dedicated.box.registry, 'team/app', '1.1'),
      az: () => ['--image', 'team/app:1.1'],
      expected: { ...ALL_ON, readEnabled: false },
    },
    {
      title: 'hide from listings (hello-world:v3, write-protected before)',
      command: 'hideFromListings',
      node: () => tagNode(dedicated.api, dedicated.box.registry, 'hello-world', 'v3'),
      az: () => ['--image', 'hello-world:v3'],
      expected: { ...ALL_ON, writeEnabled: false, listEnabled: false },
    },
    {
      title: 'unlock an image by tag (hello-world:v1, fully locked before)',
      command: 'unlock',
      node: () => tagNode(dedicated.api, dedicated.box.registry, 'hello-world', 'v1'),
      az: () => ['--image', 'hello-world:v1'],
      expected: ALL_ON,
    },
    {
      title: 'unlock a repository (locked-repo)',
      command: 'unlock',
      node: () => Promise.resolve(repositoryNode(dedicated.box.registry, 'locked-repo')),
      az: () => ['--repository', 'locked-repo'],
      expected: ALL_ON,
    },
  ];

  for (const scenario of scenarios) {
    test(`${scenario.title}: az shows exactly the intended flags`, async () => {
      await vscode.commands.executeCommand(`acrLocks.${scenario.command}`, await scenario.node());
      assert.deepEqual(await azShow(...scenario.az()), scenario.expected);
    });
  }

  test('a Lock leaves an audit line (acrLocks.auditLog) whose flags before and after match what az shows, with no secret in it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acr-locks-audit-'));
    const file = join(dir, 'audit.jsonl');
    const config = vscode.workspace.getConfiguration('acrLocks');
    const previous = config.inspect<string>('auditLog')?.globalValue;
    await config.update('auditLog', file, vscode.ConfigurationTarget.Global);
    try {
      const { sandbox: s, name } = dedicated.box;
      s.control.setTagAttributes(name, 'team/app', '1.0', ALL_ON);
      const before = await azShow('--image', 'team/app:1.0');
      await vscode.commands.executeCommand('acrLocks.lock', await tagNode(dedicated.api, dedicated.box.registry, 'team/app', '1.0'));
      const after = await azShow('--image', 'team/app:1.0');
      const text = await eventually(() => {
        const read = existsSync(file) ? readFileSync(file, 'utf8') : '';
        assert.match(read, /\n$/);
        return read;
      }, 'the audit line is in the file');
      const { records, badLines } = parseAuditLog(text);
      assert.deepEqual(badLines, []);
      const record = records.find((r) => r.target.kind === 'tag' && r.target.repository === 'team/app' && r.target.tag === '1.0');
      assert.ok(record, text);
      assert.deepEqual(record.before, before);
      assert.deepEqual(record.after, after);
      assert.equal(record.cause.command, 'acrLocks.lock');
      assert.equal(record.registry, dedicated.box.registry.config.loginServer);
      for (const secret of [dedicated.box.sandbox.aadToken, ...dedicated.box.sandbox.users.map((u) => u.password)]) {
        assert.ok(!text.includes(secret), 'no password or token in the audit file');
      }
    } finally {
      await config.update('auditLog', previous, vscode.ConfigurationTarget.Global);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
