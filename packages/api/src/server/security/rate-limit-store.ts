/** The count of one budget in its current window. */
export interface WindowCount {
  /** Requests in the window so far, this one included. */
  count: number;
  /** Milliseconds until the window ends and the count starts again from zero. */
  resetMs: number;
}

/**
 * Fixed-window counters: the first request for a key opens a window of windowMs; every request
 * in it adds one. Fixed windows need one counter per key and one atomic step per request, which
 * is what makes a shared Redis store cheap; the price (a burst of up to twice the limit across a
 * window edge) is acceptable for protecting capacity.
 */
export interface RateLimitStore {
  hit(key: string, windowMs: number): Promise<WindowCount>;
  /** The count so far without adding to it; 0 when no window is open. */
  current(key: string): Promise<WindowCount>;
  close(): Promise<void>;
}

/** One process's memory: the default, right for a single API process. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private nextSweep = 0;

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const now = Date.now();
    this.sweep(now, windowMs);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, resetMs: window.resetAt - now };
  }

  async current(key: string): Promise<WindowCount> {
    const now = Date.now();
    const window = this.windows.get(key);
    return window && window.resetAt > now ? { count: window.count, resetMs: window.resetAt - now } : { count: 0, resetMs: 0 };
  }

  async close(): Promise<void> {
    this.windows.clear();
  }

  /** Forgets ended windows once per window length, so a stream of one-off IPs cannot grow the map without end. */
  private sweep(now: number, windowMs: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + windowMs;
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
