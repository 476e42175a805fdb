import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, resealed, sealingKey, sealSecret } from '../../src/domain/push/seal';
import { newWebhookSecret } from '../../src/domain/push/signature';

describe('webhook signing secrets sealed at rest', () => {
  const key = randomBytes(32);
  const secret = newWebhookSecret();

  it('seals with the server key (AES-256-GCM, a fresh nonce each time) and opens to the same secret', () => {
    const sealed = sealSecret(secret, key);
    expect(sealed).toMatch(/^sealed:v1:/);
    expect(sealed).not.toContain(secret.slice(6));
    expect(sealSecret(secret, key)).not.toBe(sealed);
    expect(openSecret(sealed, key)).toBe(secret);
  });

  it('refuses to open with another key, without a key, or after tampering', () => {
    const sealed = sealSecret(secret, key);
    expect(() => openSecret(sealed, randomBytes(32))).toThrow();
    expect(() => openSecret(sealed, null)).toThrow(/WEBHOOK_SECRET_KEY/);
    // One bit of the ciphertext flipped. (Changing a base64 character instead may only touch padding
    // bits, which decode to the same bytes: the test then failed about one run in sixteen.)
    const parts = sealed.split(':');
    const ciphertext = Buffer.from(parts.at(-1)!, 'base64');
    ciphertext[0]! ^= 1;
    expect(() => openSecret([...parts.slice(0, -1), ciphertext.toString('base64')].join(':'), key)).toThrow();
  });

  it('without a key stores the secret in clear; a clear secret always opens as it is, and is sealed when rotated under a key', () => {
    expect(sealSecret(secret, null)).toBe(secret);
    expect(openSecret(secret, key)).toBe(secret);
    expect(openSecret(resealed(secret, key), key)).toBe(secret);
    const sealed = sealSecret(secret, key);
    expect(resealed(sealed, key)).toBe(sealed);
  });

  it('reads the key from WEBHOOK_SECRET_KEY (32 bytes in base64); unset is null, a wrong length an error', () => {
    expect(sealingKey({})).toBeNull();
    expect(sealingKey({ WEBHOOK_SECRET_KEY: key.toString('base64') })).toEqual(key);
    expect(() => sealingKey({ WEBHOOK_SECRET_KEY: randomBytes(16).toString('base64') })).toThrow(/32 bytes/);
  });
});
