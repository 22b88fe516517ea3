/** `npm run sandbox -- [args]`: prints one JSON line when ready, runs until SIGINT/SIGTERM. */
import { start } from './index';
import { USAGE, parseArgs } from './cliArgs';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const sandbox = await start(options);
  const { endpoint, registries, caFile, proxy, users, aadToken, arm } = sandbox;
  process.stdout.write(JSON.stringify({ endpoint, registries, caFile, proxy, users, aadToken, arm }) + '\n');
  let stopping = false;
  const stop = (): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    sandbox.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`sandbox: stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
