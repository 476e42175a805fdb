import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * What the idempotency table may hold of a credential: a name for it and keys that only the
 * holder of its secret can derive again. A database dump then reveals neither which keys a caller
 * used, nor its requests, nor the responses it got (apiKeyCreate's secret among them).
 */
export interface CredentialKeys {
  /** Names the credential; labelled, so it differs from the hash authentication stores. */
  scope: string;
  mac: Buffer;
  seal: Buffer;
}

export function credentialKeys(secret: string): CredentialKeys {
  const derive = (label: string) => createHash('sha256').update(`idempotency-${label}:${secret}`, 'utf8').digest();
  return { scope: derive('scope').toString('hex'), mac: derive('mac'), seal: derive('seal') };
}

export function mac(keys: CredentialKeys, text: string): string {
  return createHmac('sha256', keys.mac).update(text, 'utf8').digest('hex');
}

/** The request as the key promises it: the operation's document, its name and its variables (key order aside). */
export function requestHash(
  keys: CredentialKeys,
  document: string,
  operationName: string | null | undefined,
  variables: unknown,
): string {
  return mac(keys, JSON.stringify([document, operationName ?? null, canonical(variables ?? {})]));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
  );
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM: IV, tag, ciphertext. */
export function seal(keys: CredentialKeys, plaintext: string): Uint8Array<ArrayBuffer> {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys.seal, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body]));
}

export function unseal(keys: CredentialKeys, sealed: Uint8Array): string {
  const bytes = Buffer.from(sealed);
  const decipher = createDecipheriv('aes-256-gcm', keys.seal, bytes.subarray(0, IV_BYTES));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
