/**
 * The `deployments` section of a policy file: building the model from a tree that passed the
 * schema, and what the schema cannot say (unique set names, only restrictions, file globs inside
 * the policy file's folder). Called by parse.ts; pure logic.
 */
import { type Node } from 'jsonc-parser';
import { FLAG_NAMES, type LockChange } from '../locks/attributes';
import { DEFAULT_DEPLOYED_MANIFEST, DEFAULT_DEPLOYED_TAG, DEFAULT_FLOATING_TAGS, type DeploymentSet } from './model';
import { property, stringOf, stringsOf } from './jsonNodes';
import { type LineMap } from './text';
import { type JsonPath } from './validate';

/** The diagnostic codes of this section (parse.ts's PolicyProblemCode includes them). */
export type DeploymentProblemCode = 'duplicateDeployment' | 'deploymentUnlocks' | 'deploymentFileOutside' | 'deploymentBlocksPulls';

export type DeploymentReport = (
  severity: 'error' | 'warning',
  code: DeploymentProblemCode,
  message: string,
  args: readonly string[],
  offset: number,
  length: number,
  path: JsonPath,
) => void;

function flagsOf(node: Node | undefined, fallback: LockChange): LockChange {
  if (node === undefined) {
    return fallback;
  }
  const out: { -readonly [K in keyof LockChange]: boolean } = {};
  for (const flag of FLAG_NAMES) {
    const value = property(node, flag)?.value;
    if (typeof value === 'boolean') {
      out[flag] = value;
    }
  }
  return out;
}

/** The `deployments` entries of a tree that passed the schema. */
export function buildDeployments(root: Node, lines: LineMap): DeploymentSet[] {
  return (property(root, 'deployments')?.children ?? []).map((node, index) => {
    const description = stringOf(node, 'description');
    const set = property(node, 'set');
    const nameNode = property(node, 'name') ?? node;
    const baseImages = property(node, 'baseImages')?.value;
    return {
      name: stringOf(node, 'name') ?? '',
      ...(description === undefined ? {} : { description }),
      files: stringsOf(node, 'files') ?? [],
      exclude: stringsOf(node, 'exclude') ?? [],
      tag: flagsOf(property(set, 'tag'), DEFAULT_DEPLOYED_TAG),
      manifest: flagsOf(property(set, 'manifest'), DEFAULT_DEPLOYED_MANIFEST),
      floatingTags: stringsOf(node, 'floatingTags') ?? DEFAULT_FLOATING_TAGS,
      baseImages: baseImages === true,
      index,
      range: lines.range(nameNode.offset, nameNode.length),
    };
  });
}

/** A file glob that would leave the policy file's folder: absolute, a drive, or a `..` segment. */
export function globLeavesFolder(glob: string): boolean {
  return glob.startsWith('/') || glob.startsWith('\\') || /^[A-Za-z]:/.test(glob) || glob.split(/[\\/]/).includes('..');
}

/** What the schema cannot say about `deployments`. */
export function checkDeployments(sets: readonly DeploymentSet[], root: Node, report: DeploymentReport): void {
  const nodes = property(root, 'deployments')?.children ?? [];
  const names = new Map<string, number>();
  sets.forEach((set, d) => {
    const node = nodes[d];
    const nameNode = property(node, 'name') ?? node;
    const earlier = names.get(set.name);
    if (earlier !== undefined) {
      report(
        'error',
        'duplicateDeployment',
        `Another deployment set is already named "${set.name}" (deployments[${earlier}]); set names must be unique so reports can name them.`,
        [set.name, String(earlier)],
        nameNode.offset,
        nameNode.length,
        ['deployments', d, 'name'],
      );
    } else {
      names.set(set.name, d);
    }
    for (const level of ['tag', 'manifest'] as const) {
      const flags = property(property(node, 'set'), level);
      for (const flag of FLAG_NAMES) {
        const valueNode = property(flags, flag);
        if (valueNode?.value === false && (flag === 'readEnabled' || flag === 'listEnabled')) {
          report(
            'warning',
            'deploymentBlocksPulls',
            flag === 'readEnabled'
              ? `deployments[${d}].set.${level}.readEnabled: false blocks pulling the very images these files deploy.`
              : `deployments[${d}].set.${level}.listEnabled: false hides the deployed images from the registry's listings, so later checks read them one by one.`,
            [String(d), level, flag],
            valueNode.offset,
            valueNode.length,
            ['deployments', d, 'set', level, flag],
          );
        }
        if (valueNode?.value === true) {
          report(
            'error',
            'deploymentUnlocks',
            `deployments[${d}].set.${level}.${flag}: protecting deployments only adds restrictions, so only false is allowed; use a rule of "registries" to set ${flag} to true.`,
            [String(d), level, flag],
            valueNode.offset,
            valueNode.length,
            ['deployments', d, 'set', level, flag],
          );
        }
      }
    }
    for (const key of ['files', 'exclude'] as const) {
      (property(node, key)?.children ?? []).forEach((globNode, g) => {
        if (typeof globNode.value === 'string' && globLeavesFolder(globNode.value)) {
          report(
            'error',
            'deploymentFileOutside',
            `deployments[${d}].${key}[${g}]: "${globNode.value}" leaves the policy file's folder; file globs are relative to it (no leading / and no "..").`,
            [String(d), key, globNode.value],
            globNode.offset,
            globNode.length,
            ['deployments', d, key, g],
          );
        }
      });
    }
  });
}
