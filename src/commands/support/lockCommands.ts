import { type PresetId } from '../../locks/attributes';
import { presetCommand } from '../applyPreset';
import { lockAllTagsCommand, unlockAllTagsCommand } from '../lockAllTags';
import { type Command } from './command';
import { copyAzCommand } from '../copyAzCommand';
import { editAttributes } from '../editAttributes';
import { lockManifestOfTag } from '../lockManifestOfTag';
import { refreshDocumentCommand } from '../refreshDocument';
import { showAttributesCommand } from '../showAttributes';
import { unlockForDeletionCommand } from '../unlockForDeletion';
import { whyProtectedCommand } from '../whyProtected';

/** Command id of each preset (Lock, Unlock, …): `acrLocks.<preset>`. */
export const PRESET_COMMANDS: readonly PresetId[] = [
  'lock',
  'unlock',
  'protectFromDeletion',
  'allowDeletion',
  'preventUpdates',
  'blockPulls',
  'allowPulls',
  'hideFromListings',
  'showInListings',
];

/** Lock commands (presets, edit, show, copy az, bulk, why protected), one file each; their state lives in the services. */
export const lockCommands: readonly Command[] = [
  ...PRESET_COMMANDS.map((preset) => presetCommand(`acrLocks.${preset}`, preset)),
  editAttributes,
  showAttributesCommand,
  copyAzCommand,
  lockAllTagsCommand,
  unlockAllTagsCommand,
  lockManifestOfTag,
  whyProtectedCommand,
  unlockForDeletionCommand,
  refreshDocumentCommand,
];
