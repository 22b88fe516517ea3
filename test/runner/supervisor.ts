// Keeps the parts `npm start` runs (sandbox with its proxy, code-server) together: when one part dies,
// every part is stopped and the message names the part and why; Ctrl-C stops them all as well.

export interface SupervisorOptions {
  log: (message: string) => void;
  /** Called once everything is stopped: 1 after a part died, 0 after shutdown. */
  exit: (code: number) => void;
  /** Longest wait for one part's stop() before going on to the next (default 10 s). */
  stopTimeoutMs?: number;
}

interface Part {
  name: string;
  stop: () => Promise<void>;
}

export interface Failure {
  part: string;
  reason: string;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** How a child process ended, for a message: "exited with code 1" / "was killed by SIGKILL". */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `was killed by ${signal}` : `exited with code ${String(code)}`;
}

/**
 * Which in-process part an uncaught error came from, by its stack: the sandbox's CONNECT proxy,
 * the sandbox (HTTPS registry + Resource Manager), else the runner itself.
 */
export function partOfError(error: unknown): string {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  if (/[/\\]sandbox[/\\]proxy\.[jt]s/.test(stack)) {
    return 'proxy';
  }
  if (/[/\\]test[/\\]sandbox[/\\]/.test(stack)) {
    return 'sandbox';
  }
  return 'npm start runner';
}

export class Supervisor {
  private readonly parts: Part[] = [];
  private stopping: Promise<void> | undefined;
  private failed: Failure | undefined;

  constructor(private readonly options: SupervisorOptions) {}

  /** The part that died first (undefined while all run, or after a plain shutdown). */
  get failure(): Failure | undefined {
    return this.failed;
  }

  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  /** A part that is running now; stopped (in reverse order of adding) when any part dies or on shutdown. */
  add(name: string, stop: () => Promise<void>): void {
    const part = { name, stop };
    if (this.stopping) {
      // Started while everything stops (a slow start racing a failure): stop it too.
      void this.stopOne(part);
      return;
    }
    this.parts.push(part);
  }

  /**
   * Runs a start-up step of `part`; if it throws, the part is reported dead (everything started so far
   * stops) and undefined is returned.
   */
  async step<T>(part: string, start: () => Promise<T>): Promise<T | undefined> {
    try {
      return await start();
    } catch (error) {
      await this.died(part, message(error));
      return undefined;
    }
  }

  /** `part` ended on its own (or failed): say which and why, stop every part, exit 1. Later reports are ignored. */
  died(part: string, reason: string): Promise<void> {
    if (this.stopping) {
      return this.stopping;
    }
    this.failed = { part, reason };
    const others = this.parts.map((p) => p.name).join(', ') || 'nothing else was running';
    this.options.log(`${part} died: ${reason}`);
    this.options.log(`stopping everything npm start started (${others}) ...`);
    return this.stopAll(1);
  }

  /** Ctrl-C / SIGTERM: stop every part, exit 0. */
  shutdown(signal: string): Promise<void> {
    if (this.stopping) {
      return this.stopping;
    }
    this.options.log(`${signal}: stopping ${this.parts.map((p) => p.name).join(', ') || 'nothing'} ...`);
    return this.stopAll(0);
  }

  private stopAll(code: number): Promise<void> {
    this.stopping = (async () => {
      for (const part of [...this.parts].reverse()) {
        await this.stopOne(part);
      }
      this.options.log(code === 0 ? 'stopped' : `stopped after ${this.failed?.part ?? 'a part'} died`);
      this.options.exit(code);
    })();
    return this.stopping;
  }

  private async stopOne(part: Part): Promise<void> {
    const timeoutMs = this.options.stopTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    try {
      const outcome = await Promise.race([part.stop().then(() => 'stopped' as const), timeout]);
      if (outcome === 'timeout') {
        this.options.log(`${part.name} did not stop within ${timeoutMs} ms; going on`);
      }
    } catch (error) {
      this.options.log(`stopping ${part.name} failed: ${message(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}
