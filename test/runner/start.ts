// `npm start`: package the extension, start the sandbox registry (demo data, with its CONNECT proxy) and a
// code-server with the .vsix installed and settings pointing at the sandbox; runs until Ctrl-C / SIGTERM.
// When any part dies (sandbox, proxy, code-server, or this process), every part is stopped — code-server with
// its whole process group — and the message says which part died and why (supervisor.ts). The one-time
// code-server install writes its output to .cache/code-server-install.log, so the URL is what the console ends with.
import * as path from 'node:path';
import { ensureCodeServer } from './codeServerInstall';
import { demoSettings, packageVsix, startInstalledWorkbench } from './installed';
import { log } from './log';
import { installLogFile, repoRoot } from './paths';
import { startSandbox } from './sandbox';
import { Supervisor, partOfError } from './supervisor';

function text(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

async function main(supervisor: Supervisor): Promise<void> {
  const installed = await supervisor.step('code-server install', () => ensureCodeServer());
  const vsix = installed && await supervisor.step('package', () => packageVsix());
  if (!vsix) {
    return;
  }
  const sandbox = await supervisor.step('sandbox', () => startSandbox(process.env.ACR_LOCKS_SEED ?? 'demo', {
    onFailure: (part, error) => void supervisor.died(part, error.message),
  }));
  if (supervisor.isStopping) {
    return;
  }
  if (sandbox) {
    supervisor.add('sandbox', () => sandbox.stop());
  }
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  const workbench = await supervisor.step('code-server', () => startInstalledWorkbench('start', vsix, sandbox?.info, { port, settings: demoSettings(sandbox?.info) }));
  if (!workbench) {
    return;
  }
  supervisor.add('code-server', () => workbench.stop());
  void workbench.server.exited.then((how) => {
    if (!supervisor.isStopping) {
      void supervisor.died('code-server', `${how} (its log: ${workbench.server.logFile})`);
    }
  });
  if (supervisor.isStopping) {
    return;
  }
  if (sandbox) {
    process.stdout.write(`${JSON.stringify(sandbox.info)}\n`);
  }
  log('start', `code-server log: ${workbench.server.logFile}; install log: ${path.relative(repoRoot, installLogFile)}`);
  process.stdout.write(`\nACR Image Locks: ${workbench.server.workbenchUrl()}\n\n`);
  log('start', 'open the URL above in a browser; press Ctrl-C to stop');
}

if (require.main === module) {
  const supervisor = new Supervisor({ log: (message) => log('start', message), exit: (code) => process.exit(code) });
  process.on('SIGINT', () => void supervisor.shutdown('SIGINT'));
  process.on('SIGTERM', () => void supervisor.shutdown('SIGTERM'));
  // The sandbox and its proxy run in this process: an uncaught error there must still stop code-server
  // (its own process group, which would otherwise outlive us).
  process.on('uncaughtException', (error) => void supervisor.died(partOfError(error), text(error)));
  process.on('unhandledRejection', (reason) => void supervisor.died(partOfError(reason), text(reason)));
  main(supervisor).catch((error: unknown) => void supervisor.died('npm start runner', text(error)));
}
