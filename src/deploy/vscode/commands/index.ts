import { type Command } from '../../../commands/support/command';
import { protectDeployedImagesCommand } from './protectDeployedImages';
import { releaseOrphanedLocksCommand } from './releaseOrphanedLocks';

/** "Protect what is deployed" commands (Protect Deployed Images…, Release Orphaned Locks…), one file each. */
export const deployCommands: readonly Command[] = [protectDeployedImagesCommand, releaseOrphanedLocksCommand];
