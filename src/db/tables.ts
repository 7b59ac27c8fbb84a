import type { Generated } from 'kysely';

/**
 * Table shapes, the same on both engines. Timestamps are UTC ISO strings, dates
 * `YYYY-MM-DD` strings, booleans 0/1 integers, lists and nested values JSON text, so that one
 * implementation serves SQLite and PostgreSQL.
 */
export interface CollectionTable {
  id: string;
  name: string;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface PlaceTable {
  id: string;
  kind: string;
  code: string | null;
  name_en: string;
  name_ru: string | null;
  /** Lower-cased names for case-insensitive lookup on both engines. */
  name_key: string;
  parent_id: string | null;
  country_code: string;
  region_code: string | null;
  latitude: number | null;
  longitude: number | null;
  builtin: number;
}

export interface ActorTable {
  id: string;
  collection_id: string;
  kind: string;
  name: string;
  name_ru: string | null;
  name_key: string;
  organisation_type: string | null;
  parent_id: string | null;
  role: string | null;
  notes: string;
  created_at: string;
  updated_at: string;
}

export interface SourceTable {
  id: string;
  collection_id: string;
  kind: string;
  title: string;
  outlet: string | null;
  author: string | null;
  url: string | null;
  language: string | null;
  published_at: string | null;
  obtained_at: string | null;
  reliability: string | null;
  text: string | null;
  notes: string;
  content_hash: string | null;
  /** A testimony's text, sealed (then `text` is null). */
  text_sealed: string | null;
  key_version: number | null;
  created_at: string;
  updated_at: string;
}

export interface IncidentTable {
  id: string;
  collection_id: string;
  title: string;
  summary: string;
  date_start: string | null;
  date_end: string | null;
  date_precision: string;
  place_id: string | null;
  tags: string;
  review_decision: string | null;
  review: string;
  status: string;
  derivation: string;
  country_code: string | null;
  region_code: string | null;
  created_at: string;
  updated_at: string;
}

export interface ActTable {
  id: string;
  incident_id: string;
  collection_id: string;
  position: number;
  type: string;
  victims: string | null;
  perpetrators: string | null;
  date_start: string | null;
  date_end: string | null;
  date_precision: string;
  place_id: string | null;
  involvements: string;
  reconciled: string;
  /** Derived, for statistics: bounds of the reconciled count, the incident's status and placement. */
  count_low: number;
  count_high: number | null;
  /**
   * The status the act is counted under in statistics: its incident's status, or the
   * incident's review state ('proposed', 'rejected') until a person accepts it, which no
   * statistics query includes.
   */
  status: string;
  stats_month: string | null;
  country_code: string | null;
  region_code: string | null;
}

export interface InvolvementTable {
  act_id: string;
  actor_id: string;
  degree: string;
  position: number;
}

export interface ClaimTable {
  id: string;
  collection_id: string;
  source_id: string;
  incident_id: string | null;
  act_id: string | null;
  speaker_id: string | null;
  speaker_role: string | null;
  relay_id: string | null;
  stance: string;
  about: string;
  quote: string | null;
  asserts: string;
  perpetrator_id: string | null;
  asserted_place_id: string | null;
  evidence_start: number | null;
  evidence_end: number | null;
  credibility: string | null;
  review: string;
  created_at: string;
  updated_at: string;
}

export interface SearchDocTable {
  doc_id: Generated<number>;
  kind: string;
  entity_id: string;
  collection_id: string;
  incident_id: string | null;
  source_id: string | null;
  title: string;
}

export interface AccountTable {
  id: string;
  email: string;
  display_name: string;
  role: string;
  password_hash: string;
  kdf_salt: string;
  public_key: string;
  wrapped_private_key: string;
  escrow_private_key: string;
  totp_secret_sealed: string;
  totp_last_step: number | null;
  /** JSON array of keyed hashes. */
  recovery_codes: string;
  failed_sign_ins: number;
  locked_until: string | null;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface MembershipTable {
  collection_id: string;
  /** An account id, or '@recovery' for the escrow copy. */
  user_id: string;
  key_version: number;
  wrapped_key: string;
  added_at: string;
}

export interface InstallationTable {
  id: string;
  recovery_public_key: string | null;
  audit_public_key: string;
  created_at: string;
}

export interface PersonTable {
  id: string;
  collection_id: string;
  pseudonym: string;
  pseudonym_key: string;
  key_version: number;
  identity_sealed: string;
  created_at: string;
  updated_at: string;
}

export interface PersonTokenTable {
  person_id: string;
  collection_id: string;
  token: string;
}

export interface AuditTable {
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  collection_id: string | null;
  outcome: string;
  /** JSON object of ids, codes and counts. */
  details: string;
  prev_hash: string;
  hash: string;
}

/**
 * One row (id 1) holding the audit chain's head, locked by every append, with the head's
 * checkpoint signed at that append (seq 0 and nulls while the log is empty).
 */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  at: string | null;
  signature: string | null;
  public_key: string | null;
}

export interface AuditCheckpointTable {
  seq: number;
  hash: string;
  at: string;
  signature: string;
  public_key: string;
}

export interface Database {
  collection: CollectionTable;
  place: PlaceTable;
  actor: ActorTable;
  source: SourceTable;
  incident: IncidentTable;
  act: ActTable;
  involvement: InvolvementTable;
  claim: ClaimTable;
  search_doc: SearchDocTable;
  account: AccountTable;
  session: SessionTable;
  membership: MembershipTable;
  installation: InstallationTable;
  person: PersonTable;
  person_token: PersonTokenTable;
  audit: AuditTable;
  audit_head: AuditHeadTable;
  audit_checkpoint: AuditCheckpointTable;
}
