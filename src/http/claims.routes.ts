import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ClaimListQuerySchema, ReviewInputSchema } from '../app/claims.js';
import { ClaimInputSchema, ClaimPatchSchema, ClaimSchema } from '../core/claim.js';
import { created, type AreaOptions } from './area.js';
import { BODY_ERRORS, errorResponses, IdParamsSchema, NoContentSchema, pageOf } from './schemas.js';

const tags = ['claims'];

export const ReviewBodySchema = ReviewInputSchema.omit({ id: true });

export const claimRoutes: FastifyPluginAsyncZod<AreaOptions> = async (r) => {
  r.post(
    '/claims',
    {
      schema: {
        tags,
        operationId: 'addClaim',
        summary: 'Add a claim: source S, through speaker X (relayed by R), with stance T, asserts V about incident/act I',
        body: ClaimInputSchema,
        response: { 201: ClaimSchema, ...errorResponses(...BODY_ERRORS, 404) },
      },
    },
    async (req, reply) => created(reply, 'claims', await req.vigil.addClaim(req.body)),
  );

  r.get(
    '/claims',
    {
      schema: {
        tags,
        operationId: 'listClaims',
        summary: 'List claims',
        querystring: ClaimListQuerySchema,
        response: { 200: pageOf(ClaimSchema), ...errorResponses(400) },
      },
    },
    async (req) => req.vigil.listClaims(req.query),
  );

  r.get(
    '/claims/:id',
    {
      schema: {
        tags,
        operationId: 'getClaim',
        summary: 'Get a claim',
        params: IdParamsSchema,
        response: { 200: ClaimSchema, ...errorResponses(400, 404) },
      },
    },
    async (req) => req.vigil.getClaim(req.params.id),
  );

  r.patch(
    '/claims/:id',
    {
      schema: {
        tags,
        operationId: 'updateClaim',
        summary: 'Change a claim',
        params: IdParamsSchema,
        body: ClaimPatchSchema,
        response: { 200: ClaimSchema, ...errorResponses(...BODY_ERRORS, 404) },
      },
    },
    async (req) => req.vigil.updateClaim({ id: req.params.id, patch: req.body }),
  );

  r.post(
    '/claims/:id/review',
    {
      schema: {
        tags,
        operationId: 'reviewClaim',
        summary: 'Accept or reject a proposed claim; only accepted claims count',
        params: IdParamsSchema,
        body: ReviewBodySchema,
        response: { 200: ClaimSchema, ...errorResponses(...BODY_ERRORS, 404) },
      },
    },
    // Not app.reviewClaim: it patches `review` alone, and the core patch schema would reset the
    // claim's other fields to their defaults (see patch.ts).
    async (req) => req.vigil.reviewClaim({ id: req.params.id, decision: req.body.decision }),
  );

  r.delete(
    '/claims/:id',
    {
      schema: {
        tags,
        operationId: 'deleteClaim',
        summary: 'Delete a claim',
        params: IdParamsSchema,
        response: { 204: NoContentSchema, ...errorResponses(400, 404) },
      },
    },
    async (req, reply) => {
      await req.vigil.deleteClaim(req.params.id);
      return reply.code(204).send(null);
    },
  );
};
