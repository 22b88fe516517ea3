import { addRegistry } from '../addRegistry';
import { clearFilter } from '../clearFilter';
import { type Command } from './command';
import { enterCredentials } from '../enterCredentials';
import { azureFilter, filter } from '../filter';
import { loadMore } from '../loadMore';
import { openWalkthrough } from '../openWalkthrough';
import { refresh } from '../refresh';
import { removeRegistry } from '../removeRegistry';
import { signIn } from '../signIn';
import { signInToAzure } from '../signInToAzure';
import { sortByLastUpdated } from '../sortByLastUpdated';
import { sortByName } from '../sortByName';
import { toggleSort } from '../toggleSort';
import { trySandbox } from '../trySandbox';

/** Explorer commands (refresh, filter, sort, registries, credentials), one file each. */
export const explorerCommands: readonly Command[] = [
  refresh,
  filter,
  azureFilter,
  clearFilter,
  toggleSort,
  sortByName,
  sortByLastUpdated,
  loadMore,
  addRegistry,
  removeRegistry,
  enterCredentials,
  signIn,
  signInToAzure,
  trySandbox,
  openWalkthrough,
];
