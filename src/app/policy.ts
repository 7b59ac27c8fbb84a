/**
 * What each use case needs of its caller, and what the audit chain records of it. Typed as a
 * full record of the use cases, so a new use case fails the build until it has a line here:
 * deny by default. Reads are not audited, except those that open sealed values (reveal, find
 * by name); every write, review, export and admin action is.
 */
import type { Capability } from '../core/access.js';
import type { UseCaseName } from './index.js';

export interface Policy {
  readonly capability: Capability;
  /** The audit action; absent: not audited. */
  readonly audit?: string;
  readonly entity: string | null;
}

const read = (entity: string): Policy => ({ capability: 'read', entity });
const act = (capability: Capability, entity: string, action: string): Policy => ({ capability, entity, audit: `${entity}.${action}` });

export const POLICY: Readonly<Record<UseCaseName, Policy>> = Object.freeze({
  createCollection: act('manage_members', 'collection', 'create'),
  getCollection: read('collection'),
  listCollections: read('collection'),
  updateCollection: act('manage_members', 'collection', 'update'),
  deleteCollection: act('admin', 'collection', 'delete'),
  // Idempotent set-up run at every start (and by the CLI): not audited, or every start would add rows.
  ensureDefaultCollection: { capability: 'admin', entity: 'collection' },

  createPlace: act('write', 'place', 'create'),
  getPlace: read('place'),
  listPlaces: read('place'),
  updatePlace: act('write', 'place', 'update'),
  deletePlace: act('delete', 'place', 'delete'),
  seedGazetteer: { capability: 'admin', entity: 'place' },

  createActor: act('write', 'actor', 'create'),
  getActor: read('actor'),
  listActors: read('actor'),
  updateActor: act('write', 'actor', 'update'),
  deleteActor: act('delete', 'actor', 'delete'),

  createSource: act('write', 'source', 'create'),
  getSource: read('source'),
  listSources: read('source'),
  updateSource: act('write', 'source', 'update'),
  deleteSource: act('delete', 'source', 'delete'),
  revealSourceText: act('reveal', 'source', 'reveal'),

  createIncident: act('write', 'incident', 'create'),
  getIncident: read('incident'),
  getIncidentView: read('incident'),
  listIncidents: read('incident'),
  updateIncident: act('write', 'incident', 'update'),
  deleteIncident: act('delete', 'incident', 'delete'),

  addClaim: act('write', 'claim', 'create'),
  getClaim: read('claim'),
  listClaims: read('claim'),
  updateClaim: act('write', 'claim', 'update'),
  reviewClaim: act('review', 'claim', 'review'),
  deleteClaim: act('delete', 'claim', 'delete'),

  // Reading a text into a proposal stores nothing; it is still work only staff who record do.
  extractText: { capability: 'write', entity: 'source' },
  ingestText: act('write', 'source', 'ingest'),
  reviewIncident: act('review', 'incident', 'review'),
  reviewSource: act('review', 'source', 'review'),

  search: read('search'),
  stats: read('stats'),

  createAccount: act('admin', 'account', 'create'),
  listAccounts: { capability: 'admin', entity: 'account' },
  updateAccount: act('admin', 'account', 'update'),
  addMember: act('manage_members', 'membership', 'add'),
  removeMember: act('manage_members', 'membership', 'remove'),
  listMembers: read('membership'),

  createPerson: act('write', 'person', 'create'),
  listPersons: read('person'),
  revealPerson: act('reveal', 'person', 'reveal'),
  updatePerson: act('write', 'person', 'update'),
  deletePerson: act('delete', 'person', 'delete'),
  findPersons: act('reveal', 'person', 'find'),
  importPersons: act('write', 'person', 'import'),

  listAudit: { capability: 'admin', entity: 'audit' },
  // A long read: not audited in its own transaction (an append after it could meet a busy SQLite writer).
  verifyAudit: { capability: 'admin', entity: 'audit' },
});
