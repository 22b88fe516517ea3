/** What the lock engine needs of a registry client (src/registry's RegistryClient has it all). */
import { type ManifestInfo, type RepositoryInfo, type TagInfo } from '../registry/models';
import { type RegistryClient } from '../registry/registryClient';

export type LockClient = Pick<
  RegistryClient,
  'loginServer' | 'read' | 'update' | 'getRepository' | 'getTag' | 'getManifest' | 'listTags' | 'listManifests'
>;

/** The registry's view of one target (what a GET or PATCH answered). */
export type TargetInfo = RepositoryInfo | TagInfo | ManifestInfo;
