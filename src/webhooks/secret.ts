import { randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';
/** 24 random bytes (192 bits): Standard Webhooks asks for 24 to 64; it keeps the secret 38 characters long. */
const SECRET_BYTES = 24;

/** A new signing secret: `whsec_` + base64 of 24 random bytes. */
export function newSecret(): string {
  return PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/** The HMAC key of a secret: the base64-decoded part after `whsec_`. */
export function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
}
