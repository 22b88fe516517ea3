/**
 * One YAML file: parsed once, then each document handed to the extractor its shape calls for
 * (Kubernetes, Kustomize, Argo CD / Flux, Helm values or template, Compose, GitHub Actions,
 * Azure Pipelines).
 */
import { isMap } from 'yaml';
import type { Collector } from '../collector';
import type { LineIndex } from '../lines';
import { Budget, get, getString, parseYaml, type YamlDoc } from '../yamlSource';
import { extractCompose } from './compose';
import { extractHelmValues, isHelmTemplate, maskGoTemplate } from './helm';
import { extractKubernetes } from './kubernetes';
import { extractArgoImages, extractKustomizeImages } from './kustomize';
import { extractAzurePipeline, extractGithubWorkflow } from './workflows';
import type { YamlContext } from './yamlContext';

export type YamlFlavour = 'kubernetes' | 'kustomize' | 'argocd' | 'flux' | 'helm-values' | 'helm-template' | 'compose' | 'github-actions' | 'azure-pipelines' | 'yaml';

const base = (path: string): string => path.split(/[/\\]/).pop() ?? path;

export function isKustomizationName(path: string): boolean {
  return /(^|__)kustomization\.ya?ml$/i.test(base(path)) || base(path) === 'Kustomization';
}

export function isHelmValuesName(path: string): boolean {
  return /(?:^|[_.-])values(?:[._-][\w.-]*)?\.ya?ml$/i.test(base(path));
}

export function isComposeName(path: string): boolean {
  return /(?:^|[_.-])(?:docker-)?compose(?:[._-][\w.-]*)?\.ya?ml$/i.test(base(path));
}

export function isGithubWorkflowPath(path: string): boolean {
  return /\.github(?:[/\\]|__)workflows(?:[/\\]|__)[^/\\]*\.ya?ml$/i.test(path);
}

export function isAzurePipelinesName(path: string): boolean {
  return /(?:^|[_.-])(?:azure-pipelines|vsts-ci)[\w.-]*\.ya?ml$/i.test(base(path));
}

/** Which extractor a document needs. */
export function classify(path: string, doc: YamlDoc, template: boolean): YamlFlavour {
  const root = doc.contents;
  if (!isMap(root)) {
    return template ? 'helm-template' : 'yaml';
  }
  const kind = getString(root, 'kind', doc);
  const apiVersion = getString(root, 'apiVersion', doc) ?? '';
  if (kind === 'Kustomization' && apiVersion.startsWith('kustomize.config.k8s.io')) {
    return 'kustomize';
  }
  if (kind === 'Component' && apiVersion.startsWith('kustomize.config.k8s.io')) {
    return 'kustomize';
  }
  if (apiVersion.startsWith('argoproj.io') && (kind === 'Application' || kind === 'ApplicationSet')) {
    return 'argocd';
  }
  if (apiVersion.includes('toolkit.fluxcd.io') && (kind === 'HelmRelease' || kind === 'Kustomization')) {
    return 'flux';
  }
  if (kind !== undefined && apiVersion !== '') {
    return template ? 'helm-template' : 'kubernetes';
  }
  if (template) {
    return 'helm-template';
  }
  if (isHelmValuesName(path)) {
    return 'helm-values';
  }
  if (isKustomizationName(path) || (get(root, 'images') !== undefined && (get(root, 'resources') !== undefined || get(root, 'bases') !== undefined))) {
    return 'kustomize';
  }
  if (isGithubWorkflowPath(path) || (get(root, 'jobs') !== undefined && get(root, 'on') !== undefined)) {
    return 'github-actions';
  }
  if (isAzurePipelinesName(path) || ['trigger', 'pr', 'pool', 'stages', 'extends'].some((key) => get(root, key) !== undefined) || get(get(root, 'resources', doc), 'containers') !== undefined) {
    return 'azure-pipelines';
  }
  if (isComposeName(path) || isMap(get(root, 'services', doc))) {
    return 'compose';
  }
  return 'yaml';
}

/** Extracts every YAML document of the file; returns the flavours seen and syntax errors. */
export function extractYaml(path: string, text: string, lines: LineIndex, out: Collector): { flavours: YamlFlavour[]; errors: string[] } {
  const template = !isHelmValuesName(path) && isHelmTemplate(path, text);
  const parsed = parseYaml(template ? maskGoTemplate(text) : text, lines);
  const budget = new Budget();
  const flavours: YamlFlavour[] = [];
  for (const doc of parsed.docs) {
    const flavour = classify(path, doc, template);
    flavours.push(flavour);
    const ctx: YamlContext = { doc, source: text, out, budget };
    switch (flavour) {
      case 'kubernetes':
      case 'helm-template':
      case 'yaml':
        extractKubernetes(ctx, flavour === 'yaml' ? 'kubernetes' : flavour);
        break;
      case 'kustomize':
        extractKustomizeImages(ctx, get(doc.contents, 'images'));
        break;
      case 'argocd':
        extractArgoImages(ctx);
        break;
      case 'flux': {
        const spec = get(doc.contents, 'spec', doc);
        const values = get(spec, 'values', doc);
        if (values !== undefined) {
          extractHelmValues(ctx, values, 'flux');
        }
        extractKustomizeImages(ctx, get(spec, 'images'), 'flux');
        extractKubernetes(ctx, 'flux');
        break;
      }
      case 'helm-values':
        extractHelmValues(ctx);
        break;
      case 'compose':
        extractCompose(ctx);
        break;
      case 'github-actions':
        extractGithubWorkflow(ctx);
        break;
      case 'azure-pipelines':
        extractAzurePipeline(ctx);
        break;
    }
  }
  return { flavours, errors: parsed.errors };
}
