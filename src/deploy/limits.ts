/**
 * Bounds for hostile input. Every extractor checks these and returns an error naming the file
 * instead of using unbounded time, memory or stack.
 */

/** Larger deployment files are refused (the real corpus tops out under 60 KB; `yaml` reads roughly 0.3-2 MB/s on a slow core, so this bounds one file to a few seconds). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Deepest nesting (YAML/JSON collections, HCL/Bicep braces) an extractor accepts. */
export const MAX_NESTING_DEPTH = 256;
/** YAML alias count per file (passed to `yaml` as `maxAliasCount` and enforced by the walkers). */
export const MAX_ALIAS_COUNT = 1_000;
/** Nodes one file's walk may visit (aliases followed included): bounds alias expansion. */
export const MAX_NODES_VISITED = 2_000_000;
/** YAML documents in one file. */
export const MAX_YAML_DOCUMENTS = 10_000;
/** Tokens one HCL or Bicep file may produce. */
export const MAX_TOKENS = 2_000_000;
/** Kustomize: how deep bases/resources may chain, and how many kustomizations one resolution may read. */
export const MAX_KUSTOMIZE_DEPTH = 32;
export const MAX_KUSTOMIZE_FILES = 1_000;
/** extractTree: files it reads at most. */
export const MAX_TREE_FILES = 200_000;
/** A binary sniff looks at this many leading bytes. */
export const BINARY_SNIFF_BYTES = 8_192;
