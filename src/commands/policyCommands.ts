import { applyPolicyCommand } from './applyPolicy';
import { checkPolicyCommand } from './checkPolicy';
import { type Command } from './command';
import { exportLockReportCommand } from './exportLockReport';

/** Lock policy commands (Check Policy, Apply Policy, Export Lock Report…), one file each. */
export const policyCommands: readonly Command[] = [checkPolicyCommand, applyPolicyCommand, exportLockReportCommand];
