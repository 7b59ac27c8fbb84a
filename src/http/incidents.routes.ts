import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IncidentListQuerySchema } from '../app/incidents.js';
import { ReviewDecisionSchema } from '../app/ingest.js';
import { IncidentInputSchema, IncidentPatchSchema, IncidentSchema } from '../core/incident.js';
import { created, type AreaOptions } from './area.js';
import { BODY_ERRORS, errorResponses, IdParamsSchema, IncidentViewSchema, NoContentSchema, pageOf } from './schemas.js';

const tags = ['incidents'];

/** An act as the update use case takes it back: with its id, so it and its claims are kept. */
export const incidentRoutes: FastifyPluginAsyncZod<AreaOptions> = async (r) => {
  r.post(
    '/incidents',
    {
      schema: {
        tags,
        operationId: 'createIncident',
        summary: 'Record an incident with its acts and involvements',
        body: IncidentInputSchema,
        response: { 201: IncidentSchema, ...errorResponses(...BODY_ERRORS, 404) },
      },
    },
    async (req, reply) => created(reply, 'incidents', await req.vigil.createIncident(req.body)),
  );

  r.get(
    '/incidents',
    {
      schema: {
        tags,
        operationId: 'listIncidents',
        summary: 'List incidents',
        querystring: IncidentListQuerySchema,
        response: { 200: pageOf(IncidentSchema), ...errorResponses(400) },
      },
    },
    async (req) => req.vigil.listIncidents(req.query),
  );

  r.get(
    '/incidents/:id',
    {
      schema: {
        tags,
        operationId: 'getIncidentView',
        summary: 'An incident with its claims side by side (supporting, denying, other) per act, and its timeline',
        params: IdParamsSchema,
        response: { 200: IncidentViewSchema, ...errorResponses(400, 404) },
      },
    },
    async (req) => req.vigil.getIncidentView(req.params.id),
  );

  r.patch(
    '/incidents/:id',
    {
      schema: {
        tags,
        operationId: 'updateIncident',
        summary: 'Change an incident; `acts`, when given, replaces the acts (acts named by id are kept)',
        params: IdParamsSchema,
        body: IncidentPatchSchema,
        response: { 200: IncidentSchema, ...errorResponses(...BODY_ERRORS, 404, 409) },
      },
    },
    async (req) =>
      req.vigil.updateIncident({ id: req.params.id, patch: req.body }),
  );

  r.post(
    '/incidents/:id/review',
    {
      schema: {
        tags,
        operationId: 'reviewIncident',
        summary: 'Accept or reject a proposed incident; rejecting it also rejects the claims still proposed on it',
        params: IdParamsSchema,
        body: ReviewDecisionSchema.omit({ id: true }),
        response: { 200: IncidentSchema, ...errorResponses(...BODY_ERRORS, 404) },
      },
    },
    async (req) => req.vigil.reviewIncident({ id: req.params.id, decision: req.body.decision }),
  );

  r.delete(
    '/incidents/:id',
    {
      schema: {
        tags,
        operationId: 'deleteIncident',
        summary: 'Delete an incident; its claims stay, detached, as records of what sources said',
        params: IdParamsSchema,
        response: { 204: NoContentSchema, ...errorResponses(400, 404) },
      },
    },
    async (req, reply) => {
      await req.vigil.deleteIncident(req.params.id);
      return reply.code(204).send(null);
    },
  );
};
