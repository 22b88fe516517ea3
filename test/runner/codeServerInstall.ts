// Installs Node 24 and code-server once into the git-ignored cache (.cache/).
// Idempotent: a marker file records what was installed; delete .cache/ to reinstall.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CODE_SERVER_SPEC, NODE_SPEC, codeServerDir, codeServerEntry, codeServerPackageDir,
  installLogFile, node24Bin, nodeDir, nodePackageDir, repoRoot,
} from './paths';
import { log, seconds } from './log';

interface Marker { node: string; codeServer: string; nodeSpec: string; codeServerSpec: string }

const markerFile = path.join(codeServerDir, '.installed.json');

function readMarker(): Marker | undefined {
  try {
    const marker = JSON.parse(fs.readFileSync(markerFile, 'utf8')) as Partial<Marker>;
    if (marker.nodeSpec === NODE_SPEC && marker.codeServerSpec === CODE_SERVER_SPEC
      && typeof marker.node === 'string' && typeof marker.codeServer === 'string'
      && fs.existsSync(node24Bin) && fs.existsSync(codeServerEntry)) {
      return marker as Marker;
    }
  } catch {
    // No or unreadable marker: install.
  }
  return undefined;
}

function packageVersion(dir: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

/** The last `lines` lines of a file ('' if unreadable). */
export function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Runs npm with its output appended to the install log (hundreds of lines of install and compiler output). */
function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  fs.mkdirSync(path.dirname(installLogFile), { recursive: true });
  fs.appendFileSync(installLogFile, `\n$ (cd ${cwd} && npm ${args.join(' ')})   # ${new Date().toISOString()}\n`);
  const out = fs.openSync(installLogFile, 'a');
  return new Promise<void>((resolve, reject) => {
    const child = spawn('npm', args, { cwd, env, stdio: ['ignore', out, out] });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) {
        resolve();
        return;
      }
      reject(new Error(`npm ${args.join(' ')} exited with ${code}; the last lines of ${installLogFile}:\n${tail(installLogFile, 40)}`));
    });
  }).finally(() => fs.closeSync(out));
}

/**
 * This process's environment without what an enclosing `npm test` / `npm run` exported: the
 * nested npm would take those as its own configuration — e.g. `npm_config_user_agent` still
 * naming Node 20, which makes code-server's postinstall refuse to run.
 */
function outsideNpmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== 'NODE' && key !== 'INIT_CWD') {
      env[key] = value;
    }
  }
  return env;
}

function writePackageJson(dir: string, name: string, allowScripts: Record<string, boolean>): void {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = { name, version: '0.0.0', private: true, description: 'Test-host cache (generated)', allowScripts };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

function assertKrb5Headers(): void {
  const candidates = ['/usr/include/gssapi/gssapi.h', '/usr/include/gssapi.h'];
  if (!candidates.some((file) => fs.existsSync(file))) {
    throw new Error('code-server needs the Kerberos headers to install: run `apt-get install -y libkrb5-dev` (as root).');
  }
}

/** Ensures Node 24 and code-server are installed in the cache; returns the installed versions. */
export async function ensureCodeServer(): Promise<Marker> {
  const existing = readMarker();
  if (existing) {
    log('cache', `code-server ${existing.codeServer} on Node ${existing.node} (cached in ${path.dirname(codeServerDir)})`);
    return existing;
  }
  assertKrb5Headers();
  const started = Date.now();
  log('cache', `first run: installing Node 24 and code-server; their output goes to ${path.relative(repoRoot, installLogFile)}`);
  const baseEnv: NodeJS.ProcessEnv = { ...outsideNpmEnv(), npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' };

  if (!fs.existsSync(node24Bin)) {
    log('cache', `installing ${NODE_SPEC} into ${nodeDir} ...`);
    writePackageJson(nodeDir, 'acr-locks-node24-cache', {});
    await npm(['install', NODE_SPEC], nodeDir, baseEnv);
  }
  const nodeVersion = packageVersion(nodePackageDir);
  log('cache', `Node ${nodeVersion} ready (${seconds(started)})`);

  log('cache', `installing ${CODE_SERVER_SPEC} into ${codeServerDir} (builds native modules, ~2 minutes) ...`);
  writePackageJson(codeServerDir, 'acr-locks-code-server-cache', {
    'code-server': true, argon2: true, kerberos: true,
  });
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    PATH: `${path.dirname(node24Bin)}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodePackageDir,
  };
  await npm(['install', '--foreground-scripts', CODE_SERVER_SPEC], codeServerDir, env);
  if (!fs.existsSync(codeServerEntry)) {
    throw new Error(`code-server install finished but ${codeServerEntry} is missing (see ${installLogFile}).`);
  }
  const marker: Marker = {
    node: nodeVersion, codeServer: packageVersion(codeServerPackageDir), nodeSpec: NODE_SPEC, codeServerSpec: CODE_SERVER_SPEC,
  };
  fs.writeFileSync(markerFile, `${JSON.stringify(marker, null, 2)}\n`);
  log('cache', `code-server ${marker.codeServer} installed (${seconds(started)})`);
  return marker;
}

if (require.main === module) {
  ensureCodeServer().catch((error: unknown) => {
    process.stderr.write(`[cache] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
