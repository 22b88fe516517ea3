/**
 * The plan's first line counts what its table lists: the repositories that hold a selected item.
 * Against the sandbox's demo data, after apply, plan printed "in policy (3 selected items in 4
 * repositories)" above a table of one repository (hello-world): it counted every repository the
 * rules' globs matched and read, also those where no tag or manifest was selected (issue 22 item 9).
 */
import * as assert from 'node:assert/strict';
import { planSummary, planText } from '../../src/cli/planText';
import { evaluatePolicy, planPolicy, type PolicyPlan } from '../../src/policy';
import { LOCKED, NOW, registryWith, tag } from './policyFixtures';

const RELEASES = { name: 'releases are immutable', repositories: ['**'], tags: ['v*'], exclude: ['latest'], set: { writeEnabled: false, deleteEnabled: false } };

/** hello-world has v1–v3 (and latest); three more repositories have no v* tag at all. */
function demoPlan(locked: boolean): PolicyPlan {
  const attributes = locked ? LOCKED : undefined;
  const repositories = [
    { name: 'hello-world', tags: [tag('latest', 'sha256:a'), tag('v1', 'sha256:a', 30, attributes), tag('v2', 'sha256:b', 30, attributes), tag('v3', 'sha256:c', 30, attributes)] },
    { name: 'locked-repo', tags: [tag('stable', 'sha256:d')] },
    { name: 'multiarch', tags: [tag('latest', 'sha256:e')] },
    { name: 'team/app', tags: [tag('main', 'sha256:f')] },
  ];
  return planPolicy(evaluatePolicy(registryWith([RELEASES]), { loginServer: 'r.azurecr.io', repositories }, { now: NOW }));
}

/** The REPOSITORY column of the plan's first table. */
function tableRepositories(text: string): string[] {
  const lines = text.split('\n');
  const header = lines.findIndex((l) => l.startsWith('REPOSITORY'));
  const rows: string[] = [];
  for (let i = header + 1; i < lines.length && (lines[i] ?? '') !== ''; i++) {
    rows.push((lines[i] ?? '').split(/\s+/)[0] ?? '');
  }
  return rows;
}

suite('plan summary counts', () => {
  test('in policy: the repositories counted are those the table lists', () => {
    const plan = demoPlan(true);
    assert.equal(planSummary(plan), 'r.azurecr.io: in policy (3 selected items in 1 repository).');
    assert.deepEqual(tableRepositories(planText(plan)), ['hello-world']);
  });

  test('drift: items to change in the repositories that have a change; of the selected items', () => {
    const plan = demoPlan(false);
    assert.equal(planSummary(plan), 'r.azurecr.io: 3 items to change in 1 repository; 0 of 3 selected items in policy.');
    assert.deepEqual(tableRepositories(planText(plan)), ['hello-world']);
  });

  test('in policy with nothing selected: 0 selected items in 0 repositories, no table', () => {
    const plan = planPolicy(evaluatePolicy(registryWith([RELEASES]), { loginServer: 'r.azurecr.io', repositories: [{ name: 'team/app', tags: [tag('main', 'sha256:f')] }] }, { now: NOW }));
    assert.equal(planText(plan), 'r.azurecr.io: in policy (0 selected items in 0 repositories).');
  });
});
