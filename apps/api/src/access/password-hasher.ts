import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

export interface ScryptParameters {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** About 50-100 ms and 32 MiB per hash on a server core: slow for guessing, fine for logins. */
export const DEFAULT_SCRYPT_PARAMETERS: ScryptParameters = { N: 2 ** 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Stored parameters outside these bounds are refused, not run (a corrupt row must not hang us). */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

/**
 * Password hashing with Node's scrypt (no native dependency). A hash is stored as
 * `scrypt$N$r$p$salt$hash` (salt and hash in base64), so the parameters can be raised later
 * without invalidating existing hashes (`needsRehash` says when to re-hash after a login).
 */
export class PasswordHasher {
  constructor(private readonly parameters: ScryptParameters = DEFAULT_SCRYPT_PARAMETERS) {}

  async hash(password: string): Promise<string> {
    const { N, r, p } = this.parameters;
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, KEY_BYTES, this.parameters);
    return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  /** `false` for a wrong password and for a malformed stored hash alike; constant-time compare. */
  async verify(password: string, stored: string): Promise<boolean> {
    const parsed = parse(stored);
    if (!parsed) return false;
    const key = await derive(password, parsed.salt, parsed.hash.length, parsed.parameters);
    return timingSafeEqual(key, parsed.hash);
  }

  /** The stored hash was made with other parameters than the current ones. */
  needsRehash(stored: string): boolean {
    const parsed = parse(stored);
    const { N, r, p } = this.parameters;
    return (
      !parsed || parsed.parameters.N !== N || parsed.parameters.r !== r || parsed.parameters.p !== p
    );
  }
}

function derive(
  password: string,
  salt: Buffer,
  keyLength: number,
  { N, r, p }: ScryptParameters,
): Promise<Buffer> {
  // Node's default maxmem (32 MiB) is just below what N=2^15, r=8 needs.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r * p + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

function parse(
  stored: string,
): { parameters: ScryptParameters; salt: Buffer; hash: Buffer } | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map((part) => (/^\d+$/.test(part) ? Number(part) : NaN));
  const isPowerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!isPowerOfTwo || N > MAX_N || !(r >= 1 && r <= MAX_R) || !(p >= 1 && p <= MAX_P)) {
    return undefined;
  }
  const salt = Buffer.from(parts[4], 'base64');
  const hash = Buffer.from(parts[5], 'base64');
  if (salt.length === 0 || hash.length < 16) return undefined;
  return { parameters: { N, r, p }, salt, hash };
}
