import { describe, expect, it } from 'vitest';
import { CircuitBreaker, CircuitBreakers } from './circuit-breaker.js';

function breaker(failureThreshold = 3, cooldownMs = 1000) {
  const clock = { now: 0 };
  return { clock, breaker: new CircuitBreaker({ failureThreshold, cooldownMs, now: () => clock.now }) };
}

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures and refuses requests during the cooldown', () => {
    const { clock, breaker: b } = breaker(3, 1000);
    for (let i = 0; i < 2; i++) {
      expect(b.tryAcquire()).toBe(true);
      b.failure();
    }
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
    b.failure();
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    clock.now = 400;
    expect(b.retryInMs).toBe(600);
    expect(b.tryAcquire()).toBe(false);
  });

  it('a success in between resets the count', () => {
    const { breaker: b } = breaker(2);
    b.failure();
    b.success();
    b.failure();
    expect(b.state).toBe('closed');
  });

  it('lets one trial through after the cooldown; its success closes the breaker', () => {
    const { clock, breaker: b } = breaker(1, 1000);
    b.failure();
    clock.now = 1000;
    expect(b.state).toBe('half_open');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false); // only one trial at a time
    b.success();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
  });

  it('a failed trial opens it again for a new cooldown', () => {
    const { clock, breaker: b } = breaker(1, 1000);
    b.failure();
    clock.now = 1500;
    expect(b.tryAcquire()).toBe(true);
    b.failure();
    expect(b.state).toBe('open');
    clock.now = 2400;
    expect(b.tryAcquire()).toBe(false);
    clock.now = 2500;
    expect(b.tryAcquire()).toBe(true);
  });

  it('a released trial frees the slot without changing the state', () => {
    const { clock, breaker: b } = breaker(1, 1000);
    b.failure();
    clock.now = 1000;
    expect(b.tryAcquire()).toBe(true);
    b.release();
    expect(b.state).toBe('half_open');
    expect(b.tryAcquire()).toBe(true);
  });

  it('rejects a threshold that is not a positive integer', () => {
    expect(() => new CircuitBreaker({ failureThreshold: 0 })).toThrow(RangeError);
  });
});

describe('CircuitBreakers', () => {
  it('keeps one breaker per key', () => {
    const breakers = new CircuitBreakers({ failureThreshold: 1 });
    breakers.for('a').failure();
    expect(breakers.for('a')).toBe(breakers.for('a'));
    expect(breakers.states()).toEqual({ a: 'open' });
    expect(breakers.for('b').state).toBe('closed');
  });
});
