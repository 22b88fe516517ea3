// The system (Debian) packages the project's scripts need, in ONE list, and the one place that
// installs them. Used by `npm test`, `npm start`, `npm run bench` (and so by `.ci/run`):
//
//   node scripts/prerequisites.mjs test|start|bench
//
// Missing packages are installed with `apt-get update` once, then one `apt-get install -y …`,
// when running as root or with passwordless sudo. Otherwise it stops with one message naming the
// exact command to run. Exit 0 when everything is present afterwards, 1 otherwise.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const chromium = process.env.ACR_LOCKS_CHROMIUM ?? '/usr/bin/chromium';

function onPath(binary) {
  return (process.env.PATH ?? '').split(delimiter).filter(Boolean).some((dir) => {
    try {
      accessSync(join(dir, binary), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Every system prerequisite: its Debian package, what needs it, how to tell it is present, and
 * which commands need it. No npm package can stand in for these: Chromium must be a real browser
 * for the UI test (playwright-core never downloads one), code-server's `kerberos` module is built
 * from source against the Kerberos headers, and the sandbox is checked against the real `az` and
 * `skopeo` clients.
 */
export const PREREQUISITES = [
  {
    pkg: 'chromium',
    why: 'the extension-host suite and the UI test drive Debian\'s Chromium',
    present: () => existsSync(chromium),
    for: ['test', 'bench'],
  },
  {
    pkg: 'libkrb5-dev',
    why: 'code-server\'s native `kerberos` module is built against the Kerberos headers',
    present: () => ['/usr/include/gssapi/gssapi.h', '/usr/include/gssapi.h'].some((file) => existsSync(file)),
    for: ['test', 'start', 'bench'],
  },
  {
    pkg: 'azure-cli',
    why: 'the sandbox and the lock commands are verified with the real `az acr repository show`',
    present: () => onPath('az'),
    for: ['test', 'bench'],
  },
  {
    pkg: 'skopeo',
    why: 'the sandbox\'s OCI API is verified with the real `skopeo` client',
    present: () => onPath('skopeo'),
    for: ['test'],
  },
];

/** Each purpose and the command a user runs for it. */
const COMMANDS = { test: 'npm test', start: 'npm start', bench: 'npm run bench' };
export const PURPOSES = Object.keys(COMMANDS);

/** The packages `purpose` needs that are not present. */
export function missingFor(purpose, list = PREREQUISITES) {
  return list.filter((item) => item.for.includes(purpose) && !item.present()).map((item) => item.pkg);
}

/** The one command that installs `packages` (what the message tells a non-root user to run). */
export function installCommand(packages, sudo = 'sudo ') {
  return `${sudo}apt-get update && ${sudo}apt-get install -y ${packages.join(' ')}`;
}

/**
 * How this process can install packages: 'root', 'sudo' (passwordless), or undefined.
 * `ACR_LOCKS_NO_INSTALL=1` forces undefined (to see the message a non-root user gets).
 */
export function installer({ uid = process.getuid?.(), env = process.env, run = spawnSync } = {}) {
  if (env.ACR_LOCKS_NO_INSTALL === '1' || !onPath('apt-get')) {
    return undefined;
  }
  if (uid === 0) {
    return 'root';
  }
  const probe = run('sudo', ['-n', 'true'], { stdio: 'ignore' });
  return probe.status === 0 ? 'sudo' : undefined;
}

function apt(args, how) {
  const command = how === 'sudo' ? 'sudo' : 'apt-get';
  const fullArgs = how === 'sudo' ? ['-n', 'apt-get', ...args] : args;
  const result = spawnSync(command, fullArgs, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/** Installs what `purpose` needs; returns 0 when everything is present afterwards. */
export function ensurePrerequisites(purpose, log = (line) => console.log(`[prerequisites] ${line}`)) {
  if (!PURPOSES.includes(purpose)) {
    log(`unknown purpose "${purpose}": expected one of ${PURPOSES.join(', ')}`);
    return 1;
  }
  const missing = missingFor(purpose);
  if (missing.length === 0) {
    return 0;
  }
  const reasons = PREREQUISITES.filter((item) => missing.includes(item.pkg)).map((item) => `  ${item.pkg}: ${item.why}`);
  const how = installer();
  if (!how) {
    log(`missing system packages for \`${COMMANDS[purpose]}\`:\n${reasons.join('\n')}\n`
      + `Install them, then run it again:\n  ${installCommand(missing)}`);
    return 1;
  }
  log(`installing missing system packages (${how}): ${missing.join(' ')}\n${reasons.join('\n')}`);
  // Recommends stay on: Chromium needs its fonts to render the workbench.
  if (!apt(['update'], how) || !apt(['install', '-y', ...missing], how)) {
    log(`apt-get failed; install them by hand and run again:\n  ${installCommand(missing, how === 'sudo' ? 'sudo ' : '')}`);
    return 1;
  }
  const still = missingFor(purpose);
  if (still.length > 0) {
    log(`still missing after apt-get install: ${still.join(' ')}`);
    return 1;
  }
  log(`installed: ${missing.join(' ')}`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exit(ensurePrerequisites(process.argv[2] ?? 'test'));
}
