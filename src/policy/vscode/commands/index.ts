import { applyPolicyCommand } from './applyPolicy';
import { checkPolicyCommand } from './checkPolicy';
import { type Command } from '../../../commands/support/command';
import { exportLockReportCommand } from './exportReport';

/** Lock policy commands (Check Policy, Apply Policy, Export Lock Report…), one file each. */
export const policyCommands: readonly Command[] = [checkPolicyCommand, applyPolicyCommand, exportLockReportCommand];
