import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { VigilApp } from '../app/index.js';
import { PageQuerySchema } from '../app/paging.js';
import { AUDIT_OUTCOMES } from '../core/security.js';
import { errorResponses, pageOf } from './schemas.js';

const tags = ['audit'];

const AuditRowSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  collectionId: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  prevHash: z.string(),
  hash: z.string(),
});

const AuditQuerySchema = PageQuerySchema.extend({
  action: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  collectionId: z.uuid().optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
});

const VerificationSchema = z.object({
  ok: z.boolean(),
  checkedRows: z.number().int(),
  lastSeq: z.number().int().optional(),
  firstBadSeq: z.number().int().optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
});

/** The audit log, for admins: rows newest first, and the chain's verification. */
export const auditRoutes: FastifyPluginAsyncZod<{ app: VigilApp }> = async (r) => {
  r.get(
    '/audit',
    {
      schema: { tags, operationId: 'listAudit', summary: 'Audit rows, newest first', querystring: AuditQuerySchema, response: { 200: pageOf(AuditRowSchema), ...errorResponses(400, 401, 403) } },
    },
    async (req) => req.vigil.listAudit(req.query),
  );

  r.get(
    '/audit/verify',
    {
      schema: {
        tags,
        operationId: 'verifyAudit',
        summary: 'Verify the hash chain and its signed checkpoints; names the first bad row',
        response: { 200: VerificationSchema, ...errorResponses(401, 403) },
      },
    },
    async (req) => req.vigil.verifyAudit(),
  );
};
