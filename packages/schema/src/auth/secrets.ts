import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer secrets: `tb_user_<random>` for people's sign-in tokens and `tb_key_<random>` for partners'
 * API keys. Only a SHA-256 hash is stored; a 256-bit random secret needs no slow hash, and a fast
 * one keeps authentication to one indexed lookup.
 */
export const USER_TOKEN_PREFIX = 'tb_user_';
export const API_KEY_PREFIX = 'tb_key_';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** 32 random bytes in base64url, as newSecret writes them. */
const SECRET_BODY = /^[A-Za-z0-9_-]{43}$/;

/** Whether a value has the shape of a secret of ours; anything else is refused without a lookup. */
export function isWellFormedSecret(value: string): boolean {
  const prefix = [USER_TOKEN_PREFIX, API_KEY_PREFIX].find((p) => value.startsWith(p));
  return prefix !== undefined && SECRET_BODY.test(value.slice(prefix.length));
}

/** The part of an API key shown for support: its prefix and first characters, never enough to use it. */
export function visiblePrefix(secret: string): string {
  return secret.slice(0, API_KEY_PREFIX.length + 8);
}
