import argon2 from 'argon2';

/** argon2id at OWASP's baseline (19 MiB, 2 passes, 1 lane): ~30 ms on this project's reference machine. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

let dummy: Promise<string> | undefined;

/**
 * Verify a password. With no stored hash (unknown email, or a user without a password) it still
 * spends the same time on a dummy hash, so response times do not tell which emails exist.
 */
export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (!hash) {
    dummy ??= hashPassword('kith-dummy-password-for-timing');
    await argon2.verify(await dummy, password).catch(() => false);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
