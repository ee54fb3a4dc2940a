// The people who may sign in to the guard's pages: `console.users` with scrypt hashes. One directory
// for the console today and the guard's own OAuth sign-in pages later. An unknown name costs the same
// scrypt work as a known one, so timing does not tell which names exist.
import { createHash } from 'node:crypto';
import type { GuardUser } from '../../config/guard-types.ts';
import { type ParsedHash, parsePasswordHash, verifyPassword } from './passwords.ts';

/** A user the directory knows, with a fingerprint of the hash (sessions end when it changes). */
export interface KnownUser {
  name: string;
  /** First bytes of SHA-256 of the password hash: a changed password ends the user's sessions. */
  version: string;
}

/** Checks names and passwords against the configured users. */
export class UserDirectory {
  readonly #users = new Map<string, { hash: ParsedHash; version: string }>();
  /** Verified when the name is unknown, so that it costs as long as a wrong password. */
  readonly #decoy: ParsedHash | undefined;

  constructor(users: readonly GuardUser[]) {
    for (const u of users) {
      const version = createHash('sha256').update(u.passwordHash).digest('hex').slice(0, 16);
      this.#users.set(u.name, { hash: parsePasswordHash(u.passwordHash), version });
    }
    const first = this.#users.values().next().value;
    this.#decoy = first && { ...first.hash, hash: Buffer.alloc(first.hash.hash.length) };
  }

  /** How many users there are. */
  get size(): number {
    return this.#users.size;
  }

  /** The user `name`, if configured. */
  get(name: string): KnownUser | undefined {
    const u = this.#users.get(name);
    return u && { name, version: u.version };
  }

  /** The user when the password is right; undefined otherwise (after the same work either way). */
  async verify(name: string, password: string): Promise<KnownUser | undefined> {
    const u = this.#users.get(name);
    if (!u) {
      if (this.#decoy) await verifyPassword(password, this.#decoy);
      return undefined;
    }
    return (await verifyPassword(password, u.hash)) ? { name, version: u.version } : undefined;
  }
}
