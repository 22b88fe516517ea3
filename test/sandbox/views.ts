/** ACR's JSON shapes for the /acr/v1 API. */
import { type ChangeableAttributes, type ManifestRecord, type RegistryRecord, type RepositoryRecord, type TagRecord, type PlatformReference } from './model';
import { tagsOf } from './store';

export interface RepositoryView {
  registry: string;
  imageName: string;
  createdTime: string;
  lastUpdateTime: string;
  manifestCount: number;
  tagCount: number;
  changeableAttributes: ChangeableAttributes;
}

export interface TagView {
  name: string;
  digest: string;
  createdTime: string;
  lastUpdateTime: string;
  signed: boolean;
  changeableAttributes: ChangeableAttributes;
}

export interface ManifestView {
  digest: string;
  imageSize: number;
  createdTime: string;
  lastUpdateTime: string;
  architecture?: string;
  os?: string;
  mediaType: string;
  configMediaType?: string;
  tags?: string[];
  changeableAttributes: ChangeableAttributes;
  references?: PlatformReference[];
}

function copyAttributes(a: ChangeableAttributes): ChangeableAttributes {
  return { deleteEnabled: a.deleteEnabled, writeEnabled: a.writeEnabled, readEnabled: a.readEnabled, listEnabled: a.listEnabled };
}

export function repositoryView(registry: RegistryRecord, repository: RepositoryRecord): RepositoryView {
  return {
    registry: registry.loginServer,
    imageName: repository.name,
    createdTime: repository.createdTime,
    lastUpdateTime: repository.lastUpdateTime,
    manifestCount: repository.manifests.size,
    tagCount: repository.tags.size,
    changeableAttributes: copyAttributes(repository.attributes),
  };
}

export function tagView(tag: TagRecord): TagView {
  return {
    name: tag.name,
    digest: tag.digest,
    createdTime: tag.createdTime,
    lastUpdateTime: tag.lastUpdateTime,
    signed: false,
    changeableAttributes: copyAttributes(tag.attributes),
  };
}

/** `detailed` adds `references` (direct GET of an index); list items never carry it. */
export function manifestView(repository: RepositoryRecord, manifest: ManifestRecord, detailed: boolean): ManifestView {
  const view: ManifestView = {
    digest: manifest.digest,
    imageSize: manifest.imageSize,
    createdTime: manifest.createdTime,
    lastUpdateTime: manifest.lastUpdateTime,
    mediaType: manifest.mediaType,
    changeableAttributes: copyAttributes(manifest.attributes),
  };
  if (manifest.architecture !== undefined) {
    view.architecture = manifest.architecture;
  }
  if (manifest.os !== undefined) {
    view.os = manifest.os;
  }
  if (manifest.configMediaType !== undefined) {
    view.configMediaType = manifest.configMediaType;
  }
  const tags = tagsOf(repository, manifest.digest);
  if (tags.length > 0) {
    view.tags = tags;
  }
  if (detailed && manifest.references) {
    view.references = manifest.references.map((r) => ({ ...r }));
  }
  return view;
}
