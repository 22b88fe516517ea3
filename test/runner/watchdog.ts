// code-server's watchdog (started by codeServer.ts with every code-server): `node watchdog.js PGID LOGFILE`.
// Its stdin is a pipe from the process that started code-server (npm start's runner, a test runner). When
// that process ends, however it ends — SIGKILL and the OOM killer included, as the kernel closes a dead
// process's descriptors — this reads EOF and ends code-server's process group as CodeServer.stop() does
// (SIGTERM, then SIGKILL once the server is gone or after 5 s), says so on stderr and in code-server's log,
// and exits. A byte on stdin instead means the runner stopped code-server itself: it just exits.
import * as fs from 'node:fs';

const pgid = Number(process.argv[2]);
const logFile = process.argv[3] ?? '';
const runnerPid = process.ppid;
const graceMs = 5000;

/** Sends `signal` to the group (negative) or its leader, the server itself; false when none is left. */
function send(target: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(target, signal);
    return true;
  } catch {
    return false;
  }
}

function say(message: string): void {
  const line = `[code-server] ${message}\n`;
  for (const write of [() => fs.writeSync(2, line), () => fs.appendFileSync(logFile, line)]) {
    try {
      write();
    } catch {
      // The runner's console or the run folder may be gone with it.
    }
  }
}

let gone = false;

function runnerGone(): void {
  if (gone) {
    return;
  }
  gone = true;
  if (!send(-pgid, 'SIGTERM')) {
    process.exit(0);
  }
  say(`the process that started code-server (pid ${runnerPid}) ended without stopping it: stopping its process group ${pgid}`);
  const deadline = Date.now() + graceMs;
  // Bounded (5 s) and quick (100 ms): waits for the server to end, as stop() awaits its exit.
  setInterval(() => {
    if (!send(pgid, 0) || Date.now() >= deadline) {
      send(-pgid, 'SIGKILL');
      process.exit(0);
    }
  }, 100);
}

if (Number.isInteger(pgid) && pgid > 1) {
  process.stdin.once('data', () => process.exit(0));
  process.stdin.once('end', runnerGone);
  process.stdin.once('error', runnerGone);
  process.stdin.resume();
}
