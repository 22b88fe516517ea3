/** The one shape of a confirmation: modal (through the UI seam), skipped when the setting says so. */
import { type Services } from '../../services';
import { UserCancelled } from '../support/command';
import { lockSettings } from './settings';

/** Resolves when the user agreed (or confirmations are off); throws UserCancelled otherwise. */
export async function confirmChange(services: Services, message: string, detail: string, action: string): Promise<void> {
  if (!lockSettings().confirmChanges) {
    return;
  }
  const chosen = await services.ui.confirm(message, detail, action);
  if (chosen !== action) {
    throw new UserCancelled();
  }
}
