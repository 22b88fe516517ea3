// One glob dialect everywhere (src/util/glob.ts): one table of patterns, run through the four
// places a user types one — the explorer's filter box, Lock All Tags, a policy rule and
// `acr-locks --repository` — each through exactly the function that place uses.
//
// `*` and `?` stay within one path segment, `**` crosses; repository names ignore case, tags keep
// it. The filter box alone treats text without `*` or `?` as a case-insensitive substring.
import * as assert from 'node:assert/strict';
import { repositoryOption } from '../../src/cli/registryRun';
import { tagFilterOf } from '../../src/locks/lockAllTags';
import { compileRules, parsePolicy } from '../../src/policy';
import { parseFilter, showsAllTags, tagMatcher } from '../../src/tree/filterSpec';

/** ACR repository names are lower case; they may have path segments. */
const REPOSITORIES = ['app', 'vault', 'vendor/base', 'release-a', 'team', 'team/app', 'team/app/api', 'team/web', 'teams/app'] as const;
/** Tags keep their case and have no `/`. */
const TAGS = ['v1', 'v1.2', 'V2', 'latest', 'release-1', 'release-10', 'app', 'app-v1'] as const;

interface Selection {
  readonly repositories: readonly string[];
  readonly tags: readonly string[];
}

interface Case extends Selection {
  readonly pattern: string;
  /** The filter box when it differs: text without `*` or `?` is a case-insensitive substring there. */
  readonly filterBox?: Selection;
}

const CASES: readonly Case[] = [
  { pattern: 'team/*', repositories: ['team/app', 'team/web'], tags: [] },
  { pattern: 'team/**', repositories: ['team/app', 'team/app/api', 'team/web'], tags: [] },
  { pattern: '**/app', repositories: ['app', 'team/app', 'teams/app'], tags: ['app'] },
  { pattern: '**', repositories: [...REPOSITORIES], tags: [...TAGS] },
  { pattern: '*', repositories: ['app', 'vault', 'release-a', 'team'], tags: [...TAGS] },
  { pattern: 'team*', repositories: ['team'], tags: [] },
  { pattern: '*app*', repositories: ['app'], tags: ['app', 'app-v1'] },
  { pattern: 'v*', repositories: ['vault'], tags: ['v1', 'v1.2'] },
  { pattern: 'V*', repositories: ['vault'], tags: ['V2'] },
  { pattern: 'release-?', repositories: ['release-a'], tags: ['release-1'] },
  { pattern: '*-?', repositories: ['release-a'], tags: ['release-1'] },
  {
    pattern: 'team/app',
    repositories: ['team/app'],
    tags: [],
    filterBox: { repositories: ['team/app', 'team/app/api'], tags: [] },
  },
  {
    pattern: 'Team/App',
    repositories: ['team/app'],
    tags: [],
    filterBox: { repositories: ['team/app', 'team/app/api'], tags: [] },
  },
  {
    pattern: 'app',
    repositories: ['app'],
    tags: ['app'],
    filterBox: { repositories: ['app', 'team/app', 'team/app/api', 'teams/app'], tags: ['app', 'app-v1'] },
  },
  {
    pattern: 'LATEST',
    repositories: [],
    tags: [],
    filterBox: { repositories: [], tags: ['latest'] },
  },
];

function select(names: readonly string[], filter: ((name: string) => boolean) | undefined): string[] {
  return names.filter((n) => filter === undefined || filter(n));
}

/** The filter box: a repository matched by name is shown with all its tags; tags are shown when they match. */
function filterBox(pattern: string): Selection {
  const spec = parseFilter(pattern);
  return { repositories: REPOSITORIES.filter((r) => showsAllTags(spec, r)), tags: select(TAGS, tagMatcher(spec)) };
}

/** Lock All Tags runs on one repository: the tags it hands to planTags / changeAllTags. */
function lockAllTags(pattern: string): readonly string[] {
  return select(TAGS, tagFilterOf(pattern));
}

/** A policy rule with the pattern as both its repository and its tag glob, through the policy core. */
function policyRule(pattern: string): Selection {
  const file = JSON.stringify({
    registries: [{ loginServer: 'r.azurecr.io', rules: [{ name: 'r', repositories: [pattern], tags: [pattern], set: { writeEnabled: false } }] }],
  });
  const parsed = parsePolicy(file);
  assert.ok(parsed.policy, JSON.stringify(parsed.diagnostics));
  const [rule] = compileRules(parsed.policy.registries[0].rules);
  return { repositories: select(REPOSITORIES, rule.repository), tags: select(TAGS, rule.tag) };
}

/** `acr-locks report --repository`: the filter registryRun hands to the report. */
function cliRepository(pattern: string): readonly string[] {
  return select(REPOSITORIES, repositoryOption(pattern));
}

suite('one glob dialect: filter box, Lock All Tags, policy rules, acr-locks --repository', () => {
  for (const c of CASES) {
    test(JSON.stringify(c.pattern), () => {
      const box = c.filterBox ?? c;
      assert.deepEqual(filterBox(c.pattern), { repositories: box.repositories, tags: box.tags }, 'filter box');
      assert.deepEqual(lockAllTags(c.pattern), c.tags, 'Lock All Tags');
      assert.deepEqual(policyRule(c.pattern), { repositories: c.repositories, tags: c.tags }, 'policy rule');
      assert.deepEqual(cliRepository(c.pattern), c.repositories, 'acr-locks --repository');
    });
  }

  test('the filter box agrees with the others on every glob in the table', () => {
    // Only plain text (no * or ?) may differ, and only there: a substring search.
    for (const c of CASES) {
      assert.equal(c.filterBox !== undefined, !/[*?]/.test(c.pattern), c.pattern);
    }
  });

  test('repository:tag in the filter box uses the same two globs', () => {
    const spec = parseFilter('Team/*:v*');
    assert.equal(spec.form, 'qualified');
    assert.deepEqual(REPOSITORIES.filter((r) => spec.form === 'qualified' && spec.repository(r)), ['team/app', 'team/web']);
    assert.deepEqual(select(TAGS, tagMatcher(spec)), ['v1', 'v1.2']);
  });

  test('empty text: the filter box shows everything and Lock All Tags takes every tag', () => {
    assert.equal(parseFilter('  ').form, 'none');
    assert.equal(tagFilterOf('  '), undefined);
    assert.deepEqual(cliRepository('**'), [...REPOSITORIES]);
  });
});
