/**
 * Deployment-file extraction throughput on one core: 10,000 generated files of mixed formats
 * (Kubernetes, Kustomize, Helm values, Compose, Dockerfile, GitHub Actions, Bicep, ARM,
 * Terraform, Bake), held in memory, each extracted with extractFile. The lead wires it into run.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractFile as sourceExtractFile } from '../src/deploy/extract';

type ExtractFile = typeof sourceExtractFile;

/**
 * Extraction as it ships: out/bench/deployExtract.bundle.js, which scripts/build.mjs bundles the
 * way it bundles the extension and acr-locks (the same `yaml` build); the transpiled source when
 * the bundle is absent.
 */
async function shippedExtractFile(): Promise<{ extractFile: ExtractFile; build: 'bundle' | 'source' }> {
  const bundle = join(__dirname, 'deployExtract.bundle.js');
  if (!existsSync(bundle)) {
    return { extractFile: sourceExtractFile, build: 'source' };
  }
  const loaded = (await import(bundle)) as { extractFile: ExtractFile };
  return { extractFile: loaded.extractFile, build: 'bundle' };
}

export const DEPLOY_BENCH_FILES = 10_000;

export function generateDeployFile(i: number): { path: string; text: string } {
  const tag = `1.${i % 50}.${i % 7}`;
  switch (i % 10) {
    case 0:
      return {
        path: `k8s/app${i}/deployment.yaml`,
        text: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app${i}\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: init\n          image: busybox:1.36\n      containers:\n        - name: app\n          image: myacr.azurecr.io/team/app${i}:${tag}\n          ports:\n            - containerPort: 8080\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: app${i}\nspec:\n  ports:\n    - port: 80\n`,
      };
    case 1:
      return { path: `k8s/overlay${i}/kustomization.yaml`, text: `resources:\n  - ../base\nimages:\n  - name: app\n    newName: myacr.azurecr.io/app${i}\n    newTag: "${tag}"\n` };
    case 2:
      return { path: `charts/c${i}/values.yaml`, text: `global:\n  imageRegistry: ""\nimage:\n  registry: docker.io\n  repository: bitnami/app${i}\n  tag: ${tag}\n  digest: ""\nmetrics:\n  enabled: false\n  image:\n    repository: bitnami/exporter\n    tag: "0.${i % 9}"\nreplicaCount: 2\n` };
    case 3:
      return { path: `svc${i}/docker-compose.yml`, text: `services:\n  web:\n    image: \${REGISTRY:-eshop}/web${i}:\${TAG:-${tag}}\n    build: .\n  db:\n    image: postgres:16\n  worker:\n    build:\n      context: .\n` };
    case 4:
      return { path: `svc${i}/Dockerfile`, text: `# syntax=docker/dockerfile:1\nARG BASE=node:20-alpine\nFROM $BASE AS build\nRUN npm ci\nFROM build AS test\nRUN npm test\nFROM gcr.io/distroless/nodejs20-debian12:${tag}\nCOPY --from=build /app /app\n` };
    case 5:
      return {
        path: `.github/workflows/ci${i}.yml`,
        text: `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container: \${{ matrix.container }}\n    strategy:\n      matrix:\n        include:\n          - container: ubuntu:22.04\n          - container: myacr.azurecr.io/ci:${tag}\n    services:\n      redis:\n        image: redis:7\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker://alpine:3.20\n`,
      };
    case 6:
      return { path: `infra/app${i}.bicep`, text: `param image string = 'myacr.azurecr.io/app${i}:${tag}'\nparam location string = resourceGroup().location\nresource app 'Microsoft.App/containerApps@2023-05-01' = {\n  name: 'app${i}'\n  location: location\n  properties: {\n    template: {\n      containers: [\n        {\n          name: 'app'\n          image: image\n        }\n      ]\n    }\n  }\n}\n` };
    case 7:
      return {
        path: `infra/app${i}/azuredeploy.json`,
        text: `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "contentVersion": "1.0.0.0",\n  "parameters": { "img": { "type": "string", "defaultValue": "app${i}:${tag}" } },\n  "resources": [ { "type": "Microsoft.Web/sites", "properties": { "siteConfig": { "linuxFxVersion": "[format('DOCKER|myacr.azurecr.io/{0}', parameters('img'))]" } } } ]\n}\n`,
      };
    case 8:
      return { path: `tf/app${i}/main.tf`, text: `variable "container_image" {\n  default = "mcr.microsoft.com/app${i}:${tag}"\n}\nresource "azurerm_container_group" "g" {\n  name = "g${i}"\n  container {\n    name   = "c"\n    image  = var.container_image\n    cpu    = "0.5"\n  }\n  container {\n    name  = "side"\n    image = "nginx:1.27"\n  }\n}\n` };
    default:
      return { path: `bake${i}/docker-bake.hcl`, text: `variable "VERSION" {\n  default = "${tag}"\n}\ntarget "app" {\n  context = "."\n  tags = [\n    "myacr.azurecr.io/app${i}:\${VERSION}",\n    "myacr.azurecr.io/app${i}:latest"\n  ]\n}\n` };
  }
}

/**
 * `seconds`/`filesPerSecond`: wall clock of one pass over the files (after a short warm-up);
 * `cpuSeconds`/`filesPerCpuSecond`: the process's CPU time over that pass (user + system, GC
 * threads included), which a shared machine's other jobs do not inflate — the figure to compare
 * with the one-core target when the machine is busy (the wall figure then also counts waiting).
 */
export async function benchDeployExtraction(): Promise<{ files: number; seconds: number; filesPerSecond: number; cpuSeconds: number; filesPerCpuSecond: number; build: 'bundle' | 'source' }> {
  const { extractFile, build } = await shippedExtractFile();
  const files = Array.from({ length: DEPLOY_BENCH_FILES }, (_, i) => generateDeployFile(i));
  // Warm-up (JIT, library initialisation), not measured.
  for (const file of files.slice(0, 200)) {
    extractFile(file.path, file.text);
  }
  let references = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const file of files) {
    const result = extractFile(file.path, file.text);
    if (result.errors.length > 0) {
      throw new Error(`bench input refused: ${result.errors[0]?.error ?? ''}`);
    }
    references += result.references.length;
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  if (references < DEPLOY_BENCH_FILES) {
    throw new Error(`only ${references} references in ${DEPLOY_BENCH_FILES} files: the generator or the extractors are broken`);
  }
  return {
    build,
    files: DEPLOY_BENCH_FILES,
    seconds: Math.round(seconds * 1000) / 1000,
    filesPerSecond: Math.round(DEPLOY_BENCH_FILES / seconds),
    cpuSeconds: Math.round(cpuSeconds * 1000) / 1000,
    filesPerCpuSecond: Math.round(DEPLOY_BENCH_FILES / cpuSeconds),
  };
}

if (require.main === module) {
  void benchDeployExtraction().then((result) => console.log(JSON.stringify(result)));
}
