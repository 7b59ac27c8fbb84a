import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ReviewDecisionSchema } from '../app/ingest.js';
import { SourceInputSchema, SourcePatchSchema } from '../core/source.js';
import { created, type AreaOptions } from './area.js';
import { BODY_ERRORS, errorResponses, IdParamsSchema, NoContentSchema, pageOf, SourceListQuerySchema, SourceResponseSchema } from './schemas.js';

const tags = ['sources'];

export const ReviewDecisionBodySchema = ReviewDecisionSchema.omit({ id: true });

/** How many proposed records a source review decided. */
export const SourceReviewResponseSchema = z.object({
  claims: z.number().int().nonnegative(),
  incidents: z.number().int().nonnegative(),
});

export const sourceRoutes: FastifyPluginAsyncZod<AreaOptions> = async (r) => {
  r.post(
    '/sources',
    {
      schema: {
        tags,
        operationId: 'createSource',
        summary: 'Add a source (article, report, testimony, statement…)',
        body: SourceInputSchema,
        response: { 201: SourceResponseSchema, ...errorResponses(...BODY_ERRORS, 404) },
      },
    },
    async (req, reply) => created(reply, 'sources', await req.vigil.createSource(req.body)),
  );

  r.get(
    '/sources',
    {
      schema: {
        tags,
        operationId: 'listSources',
        summary: 'List sources',
        querystring: SourceListQuerySchema,
        response: { 200: pageOf(SourceResponseSchema), ...errorResponses(400) },
      },
    },
    async (req) => req.vigil.listSources(req.query),
  );

  r.get(
    '/sources/:id',
    {
      schema: {
        tags,
        operationId: 'getSource',
        summary: 'Get a source',
        params: IdParamsSchema,
        response: { 200: SourceResponseSchema, ...errorResponses(400, 404) },
      },
    },
    async (req) => req.vigil.getSource(req.params.id),
  );

  r.patch(
    '/sources/:id',
    {
      schema: {
        tags,
        operationId: 'updateSource',
        summary: 'Change a source',
        params: IdParamsSchema,
        body: SourcePatchSchema,
        response: { 200: SourceResponseSchema, ...errorResponses(...BODY_ERRORS, 404) },
      },
    },
    async (req) =>
      req.vigil.updateSource({ id: req.params.id, patch: req.body }),
  );

  r.post(
    '/sources/:id/review',
    {
      schema: {
        tags,
        operationId: 'reviewSource',
        summary: 'Accept or reject everything still proposed from a source: its claims and the incidents they made',
        params: IdParamsSchema,
        body: ReviewDecisionBodySchema,
        response: { 200: SourceReviewResponseSchema, ...errorResponses(...BODY_ERRORS, 404) },
      },
    },
    async (req) => req.vigil.reviewSource({ id: req.params.id, decision: req.body.decision }),
  );

  r.delete(
    '/sources/:id',
    {
      schema: {
        tags,
        operationId: 'deleteSource',
        summary: 'Delete a source that no claim cites',
        params: IdParamsSchema,
        response: { 204: NoContentSchema, ...errorResponses(400, 404, 409) },
      },
    },
    async (req, reply) => {
      await req.vigil.deleteSource(req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/sources/:id/reveal',
    {
      schema: {
        tags,
        operationId: 'revealSourceText',
        summary: 'Open a testimony’s sealed text (roles that may reveal; audited)',
        params: IdParamsSchema,
        response: { 200: z.object({ id: z.string(), text: z.string().nullable() }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => req.vigil.revealSourceText(req.params.id),
  );
};
