/**
 * Who may do what (DESIGN §4, docs/security.md). An account has one role; it reaches the
 * records of a collection only as a member of it. Every use case names the capability it
 * needs (app/policy.ts); the app checks it against the caller's role and, for each record it
 * touches, the caller's membership of the record's collection. Deny by default.
 */
export const ROLES = ['admin', 'coordinator', 'analyst', 'monitor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = [
  /** See records of the collections one is a member of. */
  'read',
  /** Record and edit incidents, claims, sources, actors, persons; ingest texts. */
  'write',
  /** Accept or reject what extraction proposes. */
  'review',
  /** Delete records. */
  'delete',
  /** Open the sealed identity of a person or the text of a testimony (audited). */
  'reveal',
  /** Export a collection, write a backup. */
  'export',
  /** Add and remove members of a collection one belongs to, create collections. */
  'manage_members',
  /** Accounts, deleting collections, the audit log. */
  'admin',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/**
 * The roles, from most to least trusted. A monitor records and ingests and may open the
 * identities of the collections they work in (they took the testimony); an analyst also
 * reviews proposals and exports; a coordinator also deletes and manages members; an admin
 * also manages accounts, collections and the audit log. A viewer reads pseudonymised records
 * and never sees a sealed field.
 */
export const ROLE_CAPABILITIES: Readonly<Record<Role, readonly Capability[]>> = Object.freeze({
  admin: CAPABILITIES,
  coordinator: ['read', 'write', 'review', 'delete', 'reveal', 'export', 'manage_members'],
  analyst: ['read', 'write', 'review', 'reveal', 'export'],
  monitor: ['read', 'write', 'reveal'],
  viewer: ['read'],
});

export const ROLE_LABELS: Readonly<Record<Role, { en: string; ru: string }>> = Object.freeze({
  admin: { en: 'Administrator', ru: 'Администратор' },
  coordinator: { en: 'Coordinator', ru: 'Координатор' },
  analyst: { en: 'Analyst', ru: 'Аналитик' },
  monitor: { en: 'Monitor', ru: 'Мониторщик' },
  viewer: { en: 'Viewer', ru: 'Наблюдатель' },
});

export function roleCan(role: Role, capability: Capability): boolean {
  return ROLE_CAPABILITIES[role].includes(capability);
}

/**
 * The caller of a use case. `user`: a signed-in account, with the collections it is a member
 * of. `operator`: whoever runs the CLI on the machine that holds the database file — they can
 * read every unsealed record anyway, so the CLI works as operator for those; sealed fields
 * still need a user's keys (docs/security.md).
 */
export type Principal =
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly role: Role;
      /** Collections the account is a member of. */
      readonly collectionIds: readonly string[];
    }
  | { readonly kind: 'operator' };

export const OPERATOR: Principal = Object.freeze({ kind: 'operator' });

export function principalCan(p: Principal, capability: Capability): boolean {
  return p.kind === 'operator' || roleCan(p.role, capability);
}

/** Whether the principal may touch records of this collection at all. */
export function principalReaches(p: Principal, collectionId: string): boolean {
  return p.kind === 'operator' || p.collectionIds.includes(collectionId);
}
