// `npm start`: package the extension, start the sandbox registry (demo data) and a code-server
// with the .vsix installed and settings pointing at the sandbox; runs until Ctrl-C / SIGTERM.
import { ensureCodeServer } from './codeServerInstall';
import { type InstalledWorkbench, packageVsix, startInstalledWorkbench } from './installed';
import { log } from './log';
import { type RunningSandbox, startSandbox } from './sandbox';

async function main(): Promise<void> {
  await ensureCodeServer();
  const vsix = await packageVsix();
  let sandbox: RunningSandbox | undefined;
  let workbench: InstalledWorkbench | undefined;
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) {
      return;
    }
    stopping = true;
    log('start', `${signal}: stopping code-server and the sandbox ...`);
    await workbench?.stop();
    await sandbox?.stop();
    log('start', 'stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  try {
    sandbox = await startSandbox(process.env.ACR_LOCKS_SEED ?? 'demo');
    if (sandbox) {
      process.stdout.write(`${JSON.stringify(sandbox.info)}\n`);
    }
    const port = process.env.PORT ? Number(process.env.PORT) : undefined;
    workbench = await startInstalledWorkbench('start', vsix, sandbox?.info, { port });
  } catch (error) {
    await workbench?.stop();
    await sandbox?.stop();
    throw error;
  }
  process.stdout.write(`ACR Image Locks: ${workbench.server.workbenchUrl()}\n`);
  log('start', 'open the URL above in a browser; press Ctrl-C to stop');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`[start] ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  });
}
