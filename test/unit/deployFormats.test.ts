// Per-format cases of src/deploy (generated here, beside the real corpus), and the reference grammar.
import * as assert from 'node:assert/strict';
import { extractFile } from '../../src/deploy/extract';
import { normalizeReference, parseReference } from '../../src/deploy/reference';

type Row = [number, string, string | null, string];

function refs(path: string, text: string): Row[] {
  const result = extractFile(path, text);
  assert.deepEqual(result.errors, []);
  return result.references.map((r) => [r.line, r.text, r.image, r.kind]);
}

suite('deploy extraction: reference grammar', () => {
  test('normalisation: docker.io/library, hosts, ports, tag and digest', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const cases: Array<[string, string | null]> = [
      ['nginx', 'docker.io/library/nginx'],
      ['docker.io/redis', 'docker.io/library/redis'],
      ['index.docker.io/redis:7', 'docker.io/library/redis:7'],
      ['bitnami/redis:7.2', 'docker.io/bitnami/redis:7.2'],
      ['localhost/app', 'localhost/app'],
      ['localhost:5000/base:dev', 'localhost:5000/base:dev'],
      ['myAcr.azurecr.io/app/frontend:latest', 'myAcr.azurecr.io/app/frontend:latest'],
      [`alpine@${digest}`, `docker.io/library/alpine@${digest}`],
      [`ghcr.io/a/b:1.0@${digest}`, `ghcr.io/a/b:1.0@${digest}`],
      ['[::1]:5000/x', '[::1]:5000/x'],
      ['Nginx', null],
      ['nginx:', null],
      ['nginx@sha256:short', null],
      ['a//b', null],
      ['-a', null],
      ['', null],
    ];
    for (const [text, expected] of cases) {
      assert.equal(normalizeReference(text), expected, text);
    }
    const parsed = parseReference('registry.k8s.io/descheduler/descheduler:v0.36.0');
    assert.ok(parsed.ok && parsed.ref.domain === 'registry.k8s.io' && parsed.ref.tag === 'v0.36.0');
  });
});

suite('deploy extraction: formats', () => {
  test('Kubernetes: every container list, List items, CronJob, comments ignored', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- apiVersion: batch/v1',
      '  kind: CronJob',
      '  spec:',
      '    jobTemplate:',
      '      spec:',
      '        template:',
      '          spec:',
      '            containers:',
      '            - image: "nginx:1.27" # image: redis',
      '            ephemeralContainers:',
      '            - {name: dbg, image: busybox}',
      '---',
      '---',
      'kind: Pod',
      'apiVersion: v1',
      'spec:',
      '  initContainers:',
      '  - image: ghcr.io/a/init:1',
      '# image: commented:1',
      '',
    ].join('\n');
    assert.deepEqual(refs('all.yaml', text), [
      [12, 'nginx:1.27', 'docker.io/library/nginx:1.27', 'image'],
      [14, 'busybox', 'docker.io/library/busybox', 'image'],
      [21, 'ghcr.io/a/init:1', 'ghcr.io/a/init:1', 'image'],
    ]);
  });

  test('Helm: values splits with global registry, templates never guessed', () => {
    const values = ['global:', '  imageRegistry: myacr.azurecr.io', 'image:', '  registry: docker.io', '  repository: bitnami/redis', '  tag: 7.2', 'sidecarImage: busybox:1.36', ''].join('\n');
    assert.deepEqual(refs('chart/values.yaml', values), [
      [4, 'myacr.azurecr.io/bitnami/redis:7.2', 'myacr.azurecr.io/bitnami/redis:7.2', 'image'],
      [7, 'busybox:1.36', 'docker.io/library/busybox:1.36', 'image'],
    ]);
    const template = ['apiVersion: apps/v1', 'kind: Deployment', 'spec:', '  template:', '    spec:', '      containers:', '        {{- if .Values.x }}', '        - image: {{ .Values.image }}', '        {{- end }}', '        - image: "redis:{{ .Chart.AppVersion }}"', ''].join('\n');
    assert.deepEqual(refs('chart/templates/deploy.yaml', template), [
      [8, '{{ .Values.image }}', null, 'template'],
      [10, 'redis:{{ .Chart.AppVersion }}', null, 'template'],
    ]);
  });

  test('Compose: defaults resolved, ${VAR} alone is a template, build-only services skipped', () => {
    const text = ['services:', '  a:', '    image: ${REG:-acr.io}/a:${TAG-1}', '  b:', '    image: ${IMAGE}', '  c:', '    build: .', '    args: [x]', ''].join('\n');
    assert.deepEqual(refs('compose.yaml', text), [
      [3, '${REG:-acr.io}/a:${TAG-1}', 'acr.io/a:1', 'image'],
      [5, '${IMAGE}', null, 'template'],
    ]);
  });

  test('Dockerfile: ARG defaults, stages, scratch, platform flag, syntax directive', () => {
    const text = ['# syntax=docker/dockerfile:1.7', 'ARG REG=mcr.microsoft.com', 'ARG IMG=${REG}/dotnet/sdk:8.0', 'FROM --platform=$BUILDPLATFORM $IMG AS build', 'FROM build AS test', 'FROM ${MISSING}', 'FROM scratch', 'COPY --from=build /a /a', ''].join('\n');
    assert.deepEqual(refs('Dockerfile', text), [
      [1, 'docker/dockerfile:1.7', 'docker.io/docker/dockerfile:1.7', 'image'],
      [4, '$IMG', 'mcr.microsoft.com/dotnet/sdk:8.0', 'base-image'],
      [5, 'build', null, 'build-stage'],
      [6, '${MISSING}', null, 'template'],
    ]);
  });

  test('GitHub Actions: container, services, docker:// steps, matrix lists, docker pull', () => {
    const text = [
      'on: push',
      'jobs:',
      '  t:',
      '    runs-on: ubuntu-latest',
      '    container:',
      '      image: ${{ matrix.img }}',
      '    strategy:',
      '      matrix:',
      '        img: [alpine:3.20, "debian:12"]',
      '    services:',
      '      db: {image: postgres:16}',
      '    steps:',
      '      - uses: docker://ghcr.io/x/tool:1',
      '      - run: |',
      '          docker pull quay.io/a/b:2',
      '          docker run python:3.13',
      '',
    ].join('\n');
    assert.deepEqual(refs('.github/workflows/ci.yml', text), [
      [6, '${{ matrix.img }}', null, 'template'],
      [9, 'alpine:3.20', 'docker.io/library/alpine:3.20', 'image'],
      [9, 'debian:12', 'docker.io/library/debian:12', 'image'],
      [11, 'postgres:16', 'docker.io/library/postgres:16', 'image'],
      [13, 'ghcr.io/x/tool:1', 'ghcr.io/x/tool:1', 'image'],
      [15, 'quay.io/a/b:2', 'quay.io/a/b:2', 'image'],
    ]);
  });

  test('Azure Pipelines: resources.containers, direct images, aliases and vmImage skipped', () => {
    const text = ['resources:', '  containers:', '  - container: b', '    image: myacr.azurecr.io/build:1', 'jobs:', '- job: a', '  pool: {vmImage: ubuntu-22.04}', '  container: b', '- job: c', '  container: node:20', ''].join('\n');
    assert.deepEqual(refs('azure-pipelines.yml', text), [
      [4, 'myacr.azurecr.io/build:1', 'myacr.azurecr.io/build:1', 'image'],
      [10, 'node:20', 'docker.io/library/node:20', 'image'],
    ]);
  });

  test('Bicep: params, vars, interpolation, no default is a template', () => {
    const text = ["param tag string = '1.2'", "var reg = 'myacr.azurecr.io'", 'param img string', 'resource x \'a@1\' = {', '  properties: {', "    image: '${reg}/app:${tag}' // image: 'no'", '    other: {', '      image: img', '    }', '  }', '}', ''].join('\n');
    assert.deepEqual(refs('main.bicep', text), [
      [6, '${reg}/app:${tag}', 'myacr.azurecr.io/app:1.2', 'image'],
      [8, 'img', null, 'template'],
    ]);
  });

  test('ARM: concat/variables evaluated, unknown functions are templates', () => {
    const text = JSON.stringify(
      {
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        variables: { reg: 'myacr.azurecr.io' },
        resources: [{ properties: { containers: [{ properties: { image: "[concat(variables('reg'), '/app:1')]" } }, { properties: { image: "[reference('x').image]" } }] } }],
      },
      null,
      2,
    );
    const rows = refs('azuredeploy.json', text);
    assert.deepEqual(
      rows.map((r) => [r[2], r[3]]),
      [
        ['myacr.azurecr.io/app:1', 'image'],
        [null, 'template'],
      ],
    );
  });

  test('Terraform and Bake: literals, var references, variable defaults, heredocs and comments', () => {
    const tf = ['variable "app_image" {', '  default = "nginx:1.27"', '}', '# image = "commented:1"', 'resource "x" "y" {', '  container {', '    image = var.app_image', '  }', '  script = <<EOT', '  image = "in-heredoc:1"', 'EOT', '}', ''].join('\n');
    assert.deepEqual(refs('main.tf', tf), [
      [2, 'nginx:1.27', 'docker.io/library/nginx:1.27', 'image'],
      [7, 'var.app_image', null, 'template'],
    ]);
    const bake = ['variable "V" { default = "2" }', 'target "t" {', '  tags = ["a/b:${V}", "c/d:${NOPE}"]', '  contexts = { base = "docker-image://alpine:3" }', '}', ''].join('\n');
    assert.deepEqual(refs('docker-bake.hcl', bake), [
      [3, 'a/b:${V}', 'docker.io/a/b:2', 'image'],
      [3, 'c/d:${NOPE}', null, 'template'],
      [4, 'alpine:3', 'docker.io/library/alpine:3', 'image'],
    ]);
  });
});
