import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SECRET_PREFIX } from './signature';

/**
 * Webhook signing secrets sealed at rest. HMAC signing needs the secret itself (a hash would not
 * do), so it is stored encrypted with a server key: AES-256-GCM under WEBHOOK_SECRET_KEY (32 bytes,
 * base64), each value with its own nonce, bound to its purpose by the associated data. A database
 * dump without the key holds no usable secret. Without a key secrets are stored in clear (as
 * before); a clear value (`whsec_…`) is always read as it is, so a key can be introduced on a live
 * database and rotation seals each endpoint's secret in turn.
 */
const SEALED = 'sealed:v1:';
const AAD = Buffer.from('temu-bisnis webhook signing secret v1');

/** The server key from WEBHOOK_SECRET_KEY, or null when it is unset; a malformed key is an error at start. */
export function sealingKey(env: NodeJS.ProcessEnv): Buffer | null {
  const text = env.WEBHOOK_SECRET_KEY?.trim();
  if (!text) return null;
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('WEBHOOK_SECRET_KEY must be 32 bytes in base64 (e.g. `openssl rand -base64 32`).');
  return key;
}

/** The stored form of a secret: sealed under the key, or the secret itself without one. */
export function sealSecret(secret: string, key: Buffer | null): string {
  if (!key) return secret;
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce).setAAD(AAD);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return SEALED + [nonce, cipher.getAuthTag(), sealed].map((b) => b.toString('base64')).join(':');
}

/** The secret from its stored form; throws when it is sealed and the key is missing or another. */
export function openSecret(stored: string, key: Buffer | null): string {
  if (stored.startsWith(SECRET_PREFIX)) return stored;
  if (!stored.startsWith(SEALED)) throw new Error('unknown form of a stored webhook secret');
  if (!key) throw new Error('the signing secret is sealed and WEBHOOK_SECRET_KEY is not set');
  const [nonce, tag, sealed] = stored.slice(SEALED.length).split(':').map((p) => Buffer.from(p, 'base64'));
  const decipher = createDecipheriv('aes-256-gcm', key, nonce!).setAAD(AAD);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(sealed!), decipher.final()]).toString('utf8');
}

/** A stored secret sealed if it is in clear and there is a key (a rotation's previous secret), else as it is. */
export function resealed(stored: string, key: Buffer | null): string {
  return stored.startsWith(SECRET_PREFIX) ? sealSecret(stored, key) : stored;
}
