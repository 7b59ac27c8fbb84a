import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ExtractRequestSchema, IngestRequestSchema } from '../app/ingest.js';
import { ClaimSchema } from '../core/claim.js';
import { IncidentSchema } from '../core/incident.js';
import { ExtractionResultSchema } from '../core/proposal.js';
import { API_PREFIX, type AreaOptions } from './area.js';
import { BODY_ERRORS, errorResponses, SourceResponseSchema } from './schemas.js';

const tags = ['ingest'];

/** What `POST /sources/ingest` answers: the source, what was proposed from it, and the raw proposal. */
export const IngestResponseSchema = z.object({
  /** False when the same text was already in the collection: nothing new was stored. */
  created: z.boolean(),
  source: SourceResponseSchema,
  /** The incidents proposed from the text (review: proposed until someone decides). */
  incidents: z.array(IncidentSchema),
  /** The claims proposed from the text, each with its evidence offsets into the source text. */
  claims: z.array(ClaimSchema),
  /** What the extractor read, as `POST /extract` gives it. */
  proposal: ExtractionResultSchema,
});

/**
 * Reading articles: `/extract` proposes without storing, `/sources/ingest` stores the text and
 * the proposal for review (docs/ingest.md). Review itself is on the sources and incidents.
 */
export const ingestRoutes: FastifyPluginAsyncZod<AreaOptions> = async (r) => {
  r.post(
    '/extract',
    {
      schema: {
        tags,
        operationId: 'extractText',
        summary: 'Propose the incidents and attributed statements of a text, storing nothing',
        body: ExtractRequestSchema,
        response: { 200: ExtractionResultSchema, ...errorResponses(...BODY_ERRORS, 409) },
      },
    },
    async (req) => req.vigil.extractText(req.body),
  );

  r.post(
    '/sources/ingest',
    {
      schema: {
        tags,
        operationId: 'ingestText',
        summary:
          'Store a text as a source with its proposed incidents, acts and claims for review (201); ' +
          'the same text already in the collection is not stored again (200, created: false)',
        body: IngestRequestSchema,
        response: { 200: IngestResponseSchema, 201: IngestResponseSchema, ...errorResponses(...BODY_ERRORS, 404, 409) },
      },
    },
    async (req, reply) => {
      const result = await req.vigil.ingestText(req.body);
      reply.header('location', `${API_PREFIX}/sources/${result.source.id}`);
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );
};
