/**
 * Kubernetes manifests: every pod spec, wherever it sits (Pod, Deployment, StatefulSet, DaemonSet,
 * ReplicaSet, Job, CronJob's jobTemplate, `kind: List` items, CRDs embedding a pod template): any
 * mapping with `containers`, `initContainers` or `ephemeralContainers` whose entries have `image`.
 */
import { isMap } from 'yaml';
import { deref, get, getString, items, walkCollections } from '../yamlSource';
import { addScalar, type YamlContext } from './yamlContext';

export const CONTAINER_LIST_KEYS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

export function extractKubernetes(ctx: YamlContext, format = 'kubernetes', root: unknown = ctx.doc.contents): void {
  const kind = getString(ctx.doc.contents, 'kind', ctx.doc) ?? 'manifest';
  walkCollections(ctx.doc, ctx.budget, (visit) => {
    if (!isMap(visit.node)) {
      return;
    }
    for (const key of CONTAINER_LIST_KEYS) {
      for (const item of items(get(visit.node, key, ctx.doc))) {
        addScalar(ctx, get(deref(item, ctx.doc), 'image'), { format, note: `${kind} ${key} entry` });
      }
    }
  }, root);
}
