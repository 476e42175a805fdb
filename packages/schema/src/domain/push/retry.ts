/**
 * When a failed delivery is tried again: exponential backoff with full jitter (AWS Architecture
 * Blog, "Exponential Backoff And Jitter": sleep = random(0, min(cap, base·2^attempt))), with half
 * the delay kept fixed so retries never bunch at zero. Deliveries are retried until the window
 * (at least 24 hours, issue 16; Stripe retries for up to three days) has passed since the event.
 */
export interface RetryPolicy {
  baseMs: number;
  capMs: number;
  /** How long after the event a delivery is still tried. */
  windowMs: number;
  /** An endpoint failing without a success for this long is disabled. */
  disableAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  baseMs: 30_000,
  capMs: 2 * 3_600_000,
  windowMs: 25 * 3_600_000,
  disableAfterMs: 24 * 3_600_000,
};

/** Delay before attempt `attempts + 1`, after `attempts` failures (≥ 1); random in [0, 1). */
export function retryDelayMs(policy: RetryPolicy, attempts: number, random: number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempts - 1, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** Whether a delivery of an event that occurred at `since` is given up at `now`. */
export function windowOver(policy: RetryPolicy, since: Date, now: Date): boolean {
  return now.getTime() - since.getTime() >= policy.windowMs;
}
