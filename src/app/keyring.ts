/**
 * Unwrapped collection keys live here, in server memory only, for as long as a session lives
 * (DESIGN §4: keys follow people). Nothing here is ever written anywhere; dropping a session
 * wipes its keys.
 */
export interface CollectionKey {
  readonly keyVersion: number;
  readonly key: Uint8Array;
}

/** The keys a caller holds, by collection. */
export interface KeyAccess {
  get(collectionId: string): CollectionKey | undefined;
  /** Adds a key (a collection created or joined during the session). */
  add(collectionId: string, key: CollectionKey): void;
}

export interface UnlockedSession {
  readonly userId: string;
  readonly keys: Map<string, CollectionKey>;
}

export function keyAccess(keys: Map<string, CollectionKey>): KeyAccess {
  return {
    get: (id) => keys.get(id),
    add: (id, key) => {
      const old = keys.get(id);
      if (old && old.key !== key.key) old.key.fill(0);
      keys.set(id, key);
    },
  };
}

export class KeyRing {
  private readonly sessions = new Map<string, UnlockedSession>();

  set(sessionHash: string, session: UnlockedSession): void {
    this.drop(sessionHash);
    this.sessions.set(sessionHash, session);
  }

  get(sessionHash: string): UnlockedSession | undefined {
    return this.sessions.get(sessionHash);
  }

  drop(sessionHash: string): void {
    const s = this.sessions.get(sessionHash);
    if (!s) return;
    for (const k of s.keys.values()) k.key.fill(0);
    this.sessions.delete(sessionHash);
  }

  /** Every session of an account ("sign out everywhere", account disabled). */
  dropUser(userId: string): void {
    for (const [hash, s] of [...this.sessions]) if (s.userId === userId) this.drop(hash);
  }

  /** A collection's keys go from every session (the collection was deleted: crypto-shredding). */
  dropCollection(collectionId: string): void {
    for (const s of this.sessions.values()) {
      const k = s.keys.get(collectionId);
      if (k) {
        k.key.fill(0);
        s.keys.delete(collectionId);
      }
    }
  }

  /** Gives a key to every open session of an account (it was made a member). */
  grant(userId: string, collectionId: string, key: CollectionKey): void {
    for (const s of this.sessions.values()) {
      if (s.userId === userId && !s.keys.has(collectionId)) s.keys.set(collectionId, { keyVersion: key.keyVersion, key: Uint8Array.from(key.key) });
    }
  }

  get size(): number {
    return this.sessions.size;
  }
}
