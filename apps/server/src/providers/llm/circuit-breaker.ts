// A circuit breaker per model server, so a server that is down costs each request nothing instead of a
// connect timeout and a round of retries. Closed: requests pass, consecutive unhealthy failures are counted.
// Open (after `failureThreshold` of them): requests are refused until `cooldownMs` has passed. Half-open:
// one trial request passes; its success closes the breaker, its failure opens it again.
// Only failures that say the server is unhealthy are recorded (timeouts, 5xx, connect errors, cut streams);
// refusals (4xx), rate limits and cancellations are `release()`d: they neither count nor close.

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker (default 5). */
  readonly failureThreshold?: number;
  /** How long it stays open before letting a trial through (default 30 000 ms). */
  readonly cooldownMs?: number;
  /** Clock in milliseconds; tests move it by hand. */
  readonly now?: () => number;
}

export class CircuitBreaker {
  private readonly failureThreshold: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;
  private current: CircuitState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 5;
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.now = options.now ?? performance.now.bind(performance);
    if (!Number.isInteger(this.failureThreshold) || this.failureThreshold < 1) {
      throw new RangeError(`failureThreshold must be a positive integer, got ${this.failureThreshold}`);
    }
  }

  /** The state now (an open breaker whose cooldown has passed reads as half-open). */
  get state(): CircuitState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.cooldownMs) return 'half_open';
    return this.current;
  }

  /** Milliseconds until an open breaker lets a trial through; 0 otherwise. */
  get retryInMs(): number {
    return this.current === 'open' ? Math.max(0, this.openedAt + this.cooldownMs - this.now()) : 0;
  }

  /**
   * Asks to send one request. True: send it, then report exactly one of success(), failure(), release().
   * False: the breaker is open (or a half-open trial is already running); skip this server.
   */
  tryAcquire(): boolean {
    if (this.current === 'closed') return true;
    if (this.current === 'open') {
      if (this.now() - this.openedAt < this.cooldownMs) return false;
      this.current = 'half_open';
      this.trialInFlight = false;
    }
    if (this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.current = 'closed';
    this.failures = 0;
    this.trialInFlight = false;
  }

  failure(): void {
    this.trialInFlight = false;
    if (this.current === 'half_open') {
      this.open();
      return;
    }
    if (this.current === 'closed' && ++this.failures >= this.failureThreshold) this.open();
  }

  /** The request ended without saying anything about the server's health. */
  release(): void {
    if (this.current === 'half_open') this.trialInFlight = false;
  }

  private open(): void {
    this.current = 'open';
    this.openedAt = this.now();
    this.failures = 0;
  }
}

/** One breaker per key (the endpoint id), created on first use. */
export class CircuitBreakers {
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(private readonly options: CircuitBreakerOptions = {}) {}

  for(key: string): CircuitBreaker {
    let breaker = this.breakers.get(key);
    if (!breaker) this.breakers.set(key, (breaker = new CircuitBreaker(this.options)));
    return breaker;
  }

  /** The state of every breaker used so far (for readiness and metrics). */
  states(): Record<string, CircuitState> {
    const states: Record<string, CircuitState> = {};
    for (const [key, breaker] of this.breakers) states[key] = breaker.state;
    return states;
  }
}
