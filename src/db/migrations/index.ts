import type { Migration } from 'kysely';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import { initial } from './20261124000000_initial.js';
import { statsCells } from './20261124010000_stats_cells.js';
import { searchFacets } from './20261124020000_search_facets.js';
import { reviewAndContentHash } from './20261124030000_review_and_content_hash.js';
import { security } from './20261125000000_security.js';

/** A migration is built for an engine's capabilities, so that engine differences stay in dialects/. */
export type VigilMigration = (caps: DialectCapabilities) => Migration;

/** Every migration, keyed by its timestamped name; order is the key order. See README.md. */
export const MIGRATIONS: Readonly<Record<string, VigilMigration>> = {
  '20261124000000_initial': initial,
  '20261124010000_stats_cells': statsCells,
  '20261124020000_search_facets': searchFacets,
  '20261124030000_review_and_content_hash': reviewAndContentHash,
  '20261125000000_security': security,
};
