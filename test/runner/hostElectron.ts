// Runs the extension-host suite in VS Code desktop downloaded by @vscode/test-electron
// (needs internet access to update.code.visualstudio.com, and a display on Linux).
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './paths';
import { createRunFolder, removeRunTmp } from './runFolder';
import { trustEnv } from './trust';
import type { HostRunOptions } from './hostCodeServer';

export async function runInElectron(options: HostRunOptions): Promise<number> {
  const run = createRunFolder('electron');
  options.runDir?.(run.dir);
  try {
    return await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'suite', 'index'),
      extensionTestsEnv: { ...options.serverEnv, ...trustEnv(run.dir, options.caFile), ...options.extensionEnv },
      launchArgs: [
        run.workspaceDir, '--user-data-dir', run.userDataDir, '--extensions-dir', run.extensionsDir,
        '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
      ],
    });
  } catch (error) {
    process.stderr.write(`[host] test-electron failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    removeRunTmp(run);
  }
}
