import { createHash } from 'node:crypto';

/**
 * Credentials that authenticated in this process within the last window, by a hash (the secret
 * itself is never kept; the label keeps the hash apart from the one the database stores). They
 * are not guesses, so an address's failed-authentication budget does not lock them out: one
 * client failing behind a shared address (an office NAT, a mobile carrier's CGNAT) does not stop
 * everyone else there. They are still looked up on every request, so revocation stays immediate.
 */
export class KnownCredentials {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    /** Bounds memory: past it the oldest entries go first. */
    private readonly capacity = 10_000,
  ) {}

  has(secret: string, now = Date.now()): boolean {
    return (this.until.get(digest(secret)) ?? 0) > now;
  }

  remember(secret: string, now = Date.now()): void {
    const key = digest(secret);
    this.until.delete(key);
    this.until.set(key, now + this.windowMs);
    for (const [oldest] of this.until) {
      if (this.until.size <= this.capacity) break;
      this.until.delete(oldest);
    }
  }

  forget(secret: string): void {
    this.until.delete(digest(secret));
  }
}

function digest(secret: string): string {
  return createHash('sha256').update(`known-credential:${secret}`).digest('hex');
}
