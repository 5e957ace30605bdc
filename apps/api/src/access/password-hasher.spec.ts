import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('stores scrypt$N$r$p$salt$hash with N=2^15, r=8, p=1, a 16-byte salt and a 32-byte key', async () => {
    const stored = await hasher.hash('correct horse battery staple');

    const [scheme, N, r, p, salt, key] = stored.split('$');
    expect([scheme, N, r, p]).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hasher.hash('correct horse battery staple');

    await expect(hasher.verify('correct horse battery staple', stored)).resolves.toBe(true);
    await expect(hasher.verify('correct horse battery stapler', stored)).resolves.toBe(false);
    await expect(hasher.verify('', stored)).resolves.toBe(false);
  });

  it('salts: the same password never hashes the same twice', async () => {
    const [first, second] = await Promise.all([hasher.hash('same'), hasher.hash('same')]);
    expect(first).not.toBe(second);
  });

  it('treats unicode compositions of the same text as the same password', async () => {
    const stored = await hasher.hash('caf\u00e9-p\u00e4ss');
    await expect(hasher.verify('cafe\u0301-pa\u0308ss', stored)).resolves.toBe(true);
  });

  it('verifies hashes made with other parameters, and says they need re-hashing', async () => {
    const old = await new PasswordHasher({ N: 2 ** 10, r: 8, p: 1 }).hash('legacy password');

    await expect(hasher.verify('legacy password', old)).resolves.toBe(true);
    expect(hasher.needsRehash(old)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('x'))).toBe(false);
  });

  it.each([
    '',
    'plain text',
    'bcrypt$2b$10$abc',
    'scrypt$32768$8$1$c2FsdA==',
    'scrypt$1000$8$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5',
    'scrypt$2147483648$8$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5',
    'scrypt$32768$999$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5',
    'scrypt$32768$8$1$$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5',
  ])('refuses the malformed or unsafe stored hash %j without running it', async (stored) => {
    await expect(hasher.verify('anything', stored)).resolves.toBe(false);
    expect(hasher.needsRehash(stored)).toBe(true);
  });
});
