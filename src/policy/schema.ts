/**
 * The JSON Schema of a policy file, as data. It is the one definition of the file's shape:
 * - schemas/acr-locks.schema.json is this object written out (a unit test keeps them equal;
 *   after a change here run `npm run -s build && node out/src/policy/writeSchema.js`);
 *   VS Code validates and completes `.acr-locks.json` with it through `jsonValidation`;
 * - validate.ts interprets the same object to report problems with their exact ranges.
 * Only the keywords in `SchemaNode` are used, so the interpreter covers all of them.
 */

export interface SchemaSnippet {
  readonly label: string;
  readonly description?: string;
  readonly body: unknown;
}

/** The draft-07 subset used here (validation keywords + VS Code's annotation keywords). */
export interface SchemaNode {
  readonly type: 'object' | 'array' | 'string' | 'boolean';
  readonly description?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: false;
  readonly minProperties?: number;
  readonly items?: SchemaNode;
  readonly minItems?: number;
  readonly minLength?: number;
  readonly pattern?: string;
  /** VS Code's message for a value that does not match `pattern`. */
  readonly patternErrorMessage?: string;
  readonly enum?: readonly string[];
  readonly enumDescriptions?: readonly string[];
  readonly default?: boolean | string;
  readonly defaultSnippets?: readonly SchemaSnippet[];
}

export interface RootSchema extends SchemaNode {
  readonly $schema: string;
  readonly title: string;
  /** VS Code: comments and trailing commas are allowed in files validated by this schema. */
  readonly allowComments: true;
  readonly allowTrailingCommas: true;
}

export const LOGIN_SERVER_PATTERN = '^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$';
export const DURATION_PATTERN = '^[1-9][0-9]{0,4}[hdw]$';

function globs(description: string, minItems?: number): SchemaNode {
  return {
    type: 'array',
    description,
    ...(minItems === undefined ? {} : { minItems }),
    items: { type: 'string', minLength: 1 },
  };
}

function flag(description: string): SchemaNode {
  return { type: 'boolean', description };
}

const RULE: SchemaNode = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'repositories', 'tags', 'set'],
  properties: {
    name: {
      type: 'string',
      minLength: 1,
      description: 'The rule’s name, unique within its registry; reports and drift marks name it.',
    },
    description: { type: 'string', description: 'Why the rule exists.' },
    enabled: { type: 'boolean', default: true, description: 'false turns the rule off without deleting it.' },
    repositories: globs(
      'Repository globs, case-insensitive: * and ? stay within one path segment, ** crosses segments ("team/*" matches one level, "team/**" any, "**" every repository).',
      1,
    ),
    excludeRepositories: globs('Repository globs the rule skips, even when "repositories" matches them.'),
    tags: globs('Tag globs, case-sensitive: * any run of characters, ? one character ("v*", "release-?", "*").', 1),
    exclude: globs(
      'Tag globs the rule skips, e.g. ["latest", "main", "sha256-*"]. A manifest is selected when at least one of its tags is selected.',
    ),
    olderThan: {
      type: 'string',
      pattern: DURATION_PATTERN,
      patternErrorMessage: 'A duration: a whole number from 1 and h (hours), d (days) or w (weeks), e.g. "12h", "7d", "2w".',
      description:
        'Only items last updated longer ago than this: a number and h (hours), d (days) or w (weeks), e.g. "12h", "7d", "2w". Tags are aged by the tag, manifests by the manifest.',
    },
    level: {
      type: 'string',
      enum: ['tag', 'manifest', 'both'],
      default: 'tag',
      description:
        'What the rule sets: the selected tags, the manifests (digests) they point to, or both. Tag and manifest locks are separate in ACR.',
      enumDescriptions: ['The selected tags only.', 'The manifests that the selected tags point to.', 'The selected tags and their manifests.'],
    },
    set: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      description: 'The flags the rule sets on each selected item; flags it does not name are left as they are.',
      properties: {
        writeEnabled: flag('false: the item cannot be overwritten (nor deleted).'),
        deleteEnabled: flag('false: the item cannot be deleted.'),
        readEnabled: flag('false: the item cannot be pulled.'),
        listEnabled: flag('false: the item is hidden from listings.'),
      },
    },
  },
};

const REGISTRY: SchemaNode = {
  type: 'object',
  additionalProperties: false,
  required: ['loginServer', 'rules'],
  defaultSnippets: [
    {
      label: 'registry with a write-once rule',
      body: {
        loginServer: '${1:myregistry.azurecr.io}',
        rules: [
          {
            name: '${2:releases are immutable}',
            repositories: ['**'],
            tags: ['v*'],
            exclude: ['latest', 'sha256-*'],
            level: 'both',
            set: { writeEnabled: false, deleteEnabled: false },
          },
        ],
      },
    },
  ],
  properties: {
    loginServer: {
      type: 'string',
      pattern: LOGIN_SERVER_PATTERN,
      patternErrorMessage: 'A login server such as myregistry.azurecr.io or localhost:5000: a host name and an optional port, without https:// or a path.',
      description: 'The registry’s login server, e.g. myregistry.azurecr.io, or host:port. Compared case-insensitively.',
    },
    description: { type: 'string', description: 'What the rules of this registry are for.' },
    rules: {
      type: 'array',
      description:
        'Rules in order. Two rules that set different values of one flag on one item are a conflict: it is reported, never resolved.',
      items: RULE,
    },
  },
};

function restrictions(description: string): SchemaNode {
  return {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    description,
    properties: {
      writeEnabled: flag('false: the item cannot be overwritten (nor deleted). Only false is allowed here.'),
      deleteEnabled: flag('false: the item cannot be deleted. Only false is allowed here.'),
      readEnabled: flag('false: the item cannot be pulled. Only false is allowed here.'),
      listEnabled: flag('false: the item is hidden from listings. Only false is allowed here.'),
    },
  };
}

const DEPLOYMENT: SchemaNode = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'files'],
  defaultSnippets: [
    {
      label: 'protect what is deployed',
      body: { name: '${1:production}', files: ['${2:deploy/**}'], exclude: [], floatingTags: ['latest', 'main', 'master', 'stable', 'dev*', 'edge'] },
    },
  ],
  properties: {
    name: { type: 'string', minLength: 1, description: 'The set’s name, unique in the file; reports name it.' },
    description: { type: 'string', description: 'What these deployment files are.' },
    files: globs(
      'Deployment file globs relative to the policy file’s folder: * and ? stay within one folder, ** crosses folders ("deploy/**", "charts/*/values.yaml", ".github/workflows/*.yml").',
      1,
    ),
    exclude: globs('File globs skipped even when "files" matches them (e.g. "deploy/dev/**").'),
    set: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      description:
        'What deployed images get; only restrictions (false). Default: a tag reference locks its tag (writeEnabled and deleteEnabled false) and delete-protects its manifest; a digest reference delete-protects its manifest.',
      properties: {
        tag: restrictions('Flags set on a deployed tag (default { "writeEnabled": false, "deleteEnabled": false }).'),
        manifest: restrictions('Flags set on the manifest a deployed tag or digest names (default { "deleteEnabled": false }).'),
      },
    },
    floatingTags: globs(
      'Tag globs that move (case-sensitive): such references are reported with "pin by digest" and never locked. Default: latest, main, master, stable, dev*, edge. A reference without tag or digest is latest.',
    ),
    baseImages: {
      type: 'boolean',
      default: false,
      description: 'true: Dockerfile FROM base images count as deployed and are protected too (default false: they are listed, not protected).',
    },
  },
};

export const POLICY_SCHEMA: RootSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'ACR Image Locks policy',
  description:
    'Lock rules for Azure Container Registry tags and manifests, checked and applied by ACR Image Locks (Check Policy, Apply Policy) and by the acr-locks command-line tool.',
  type: 'object',
  allowComments: true,
  allowTrailingCommas: true,
  additionalProperties: false,
  required: ['registries'],
  properties: {
    $schema: { type: 'string', description: 'The JSON Schema of this file (optional).' },
    description: { type: 'string', description: 'What this policy is for (shown in reports).' },
    registries: {
      type: 'array',
      description: 'One entry per registry, each with its ordered rules. A login server may appear only once.',
      items: REGISTRY,
    },
    deployments: {
      type: 'array',
      description:
        'Protect what is deployed: named sets of deployment files (Kubernetes, Kustomize, Helm values, Compose, Dockerfiles, workflows, Bicep/ARM, Terraform). Every image they reference in a registry listed above is protected from overwrite and deletion.',
      items: DEPLOYMENT,
    },
  },
};
