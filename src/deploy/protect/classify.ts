/** Classification: what one extracted reference is for a set (managed image, floating tag, not managed, base image, template). */
import { loginServerKey } from '../../policy/model';
import { type NameFilter } from '../../util/glob';
import { parseReference } from '../reference';
import { type ImageReference } from '../types';
import { type DeploySetInput, type ReferenceStatus } from './types';

export interface Classified {
  readonly ref: ImageReference;
  readonly set: DeploySetInput;
  readonly root: string;
  readonly status: ReferenceStatus | 'image';
  readonly loginServer?: string;
  readonly registry?: string;
  readonly repository?: string;
  readonly tag?: string;
  readonly digest?: string;
  readonly floating?: boolean;
}

export function classify(ref: ImageReference, set: DeploySetInput, root: string, managed: ReadonlyMap<string, string>, floating: NameFilter): Classified {
  if (ref.kind === 'template' || ref.image === null) {
    return { ref, set, root, status: 'template' };
  }
  if (ref.kind === 'base-image' && !set.baseImages) {
    return { ref, set, root, status: 'baseImage' };
  }
  const parsed = parseReference(ref.image);
  if (!parsed.ok) {
    return { ref, set, root, status: 'template' };
  }
  const { domain, path, tag, digest } = parsed.ref;
  const loginServer = managed.get(loginServerKey(domain));
  if (loginServer === undefined) {
    return { ref, set, root, status: 'notManaged', registry: domain, repository: path, ...(tag === null ? {} : { tag }), ...(digest === null ? {} : { digest }) };
  }
  // No tag and no digest is `latest`, as every client pulls it.
  const effectiveTag = tag ?? (digest === null ? 'latest' : null);
  const isFloating = digest === null && effectiveTag !== null && floating(effectiveTag);
  return {
    ref,
    set,
    root,
    status: 'image',
    loginServer,
    registry: domain,
    repository: path,
    ...(effectiveTag === null ? {} : { tag: effectiveTag }),
    ...(digest === null ? {} : { digest }),
    floating: isFloating,
  };
}

/** Where sets disagree on one position, the lower rank wins: a managed image over the rest. */
export const STATUS_RANK: Readonly<Record<Classified['status'], number>> = {
  image: 0,
  notManaged: 1,
  baseImage: 2,
  template: 3,
  protected: 4,
  unprotected: 4,
  floating: 4,
  missing: 4,
  unchecked: 4,
  failed: 4,
};
