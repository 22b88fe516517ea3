/**
 * Requests a test holds at the door: the sandbox has read a matching request (after its latency)
 * but does not act on it until the test releases it. A test can then do something at a known
 * point — e.g. cancel the client while its PATCH is at the registry — instead of racing a timer.
 */

/** A request the sandbox has received and holds, unanswered and not yet applied. */
export interface HeldRequest {
  readonly method: string;
  readonly path: string;
  /** Lets the sandbox handle it; resolves once it has (the change is applied, or refused). */
  release(): Promise<void>;
}

/** Holds every request matching one rule until `end()`. */
export interface Hold {
  /** The next matching request that arrives (or the oldest one already held and not yet taken). */
  next(): Promise<HeldRequest>;
  /** Stops holding, and releases every request still held. */
  end(): Promise<void>;
}

interface Rule {
  readonly method: string;
  readonly path: string | undefined;
  readonly arrived: HeldRequest[];
  readonly takers: ((held: HeldRequest) => void)[];
  readonly unreleased: Set<HeldRequest>;
}

/** After a release: the held handler has resumed (its routing is synchronous) before this resolves. */
const handled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class RequestHolds {
  private rules: Rule[] = [];

  /** Holds requests of `method` (and whose path starts with `path`, when given). */
  hold(method: string, path?: string): Hold {
    const rule: Rule = { method: method.toUpperCase(), path, arrived: [], takers: [], unreleased: new Set() };
    this.rules.push(rule);
    return {
      next: () => {
        const waiting = rule.arrived.shift();
        return waiting ? Promise.resolve(waiting) : new Promise((resolve) => rule.takers.push(resolve));
      },
      end: async () => {
        this.rules = this.rules.filter((r) => r !== rule);
        await Promise.all([...rule.unreleased].map((held) => held.release()));
      },
    };
  }

  /** Called by the request pipeline: resolves at once unless a rule holds the request. */
  arrive(method: string, path: string): Promise<void> | undefined {
    const rule = this.rules.find((r) => r.method === method && (r.path === undefined || path.startsWith(r.path)));
    if (!rule) {
      return undefined;
    }
    return new Promise((resolve) => {
      const held: HeldRequest = {
        method,
        path,
        release: () => {
          if (rule.unreleased.delete(held)) {
            resolve();
          }
          return handled();
        },
      };
      rule.unreleased.add(held);
      const taker = rule.takers.shift();
      if (taker) {
        taker(held);
      } else {
        rule.arrived.push(held);
      }
    });
  }

  /** Releases everything (the sandbox is stopping). */
  async releaseAll(): Promise<void> {
    const rules = this.rules;
    this.rules = [];
    await Promise.all(rules.flatMap((rule) => [...rule.unreleased].map((held) => held.release())));
  }
}
