/**
 * Wrong pairing codes per client address, kept in memory: the pure `throttle` decides, this remembers. A
 * client past the limit is refused (429) until its oldest counted failure leaves the window; before that, each
 * further try waits longer (exponential).
 */
import {
  DEFAULT_THROTTLE,
  recentFailures,
  throttle,
  type ThrottleConfig,
  type ThrottleVerdict,
} from '../domain/pairing';

/** Addresses remembered at most (the oldest are dropped first). */
const MAX_CLIENTS = 10_000;

export class PairThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly config: ThrottleConfig = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  verdict(client: string): ThrottleVerdict {
    return throttle(this.failures.get(client) ?? [], this.now(), this.config);
  }

  fail(client: string): void {
    const now = this.now();
    const log = recentFailures(this.failures.get(client) ?? [], now, this.config);
    log.push(now);
    this.failures.delete(client);
    this.failures.set(client, log);
    if (this.failures.size > MAX_CLIENTS) {
      const oldest = this.failures.keys().next();
      if (!oldest.done) this.failures.delete(oldest.value);
    }
  }

  succeed(client: string): void {
    this.failures.delete(client);
  }
}
