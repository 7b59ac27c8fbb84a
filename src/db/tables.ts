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
}
