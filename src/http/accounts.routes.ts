import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AccountInputSchema, AccountPatchSchema } from '../app/accounts.js';
import type { VigilApp } from '../app/index.js';
import { PageQuerySchema } from '../app/paging.js';
import { IdSchema } from '../core/common.js';
import { ROLES } from '../core/access.js';
import { BODY_ERRORS, errorResponses, IdParamsSchema, pageOf } from './schemas.js';

const tags = ['accounts'];

const AccountSchema = z.object({ id: z.string(), email: z.string(), displayName: z.string(), role: z.enum(ROLES), disabled: z.boolean(), createdAt: z.string() });
const NewAccountSchema = z.object({ user: AccountSchema, totp: z.object({ secret: z.string(), uri: z.string() }), recoveryCodes: z.array(z.string()) });
const MemberParamsSchema = z.object({ id: IdSchema, userId: IdSchema });

/** Accounts (admins) and collection membership (coordinators and admins who hold the collection's key). */
export const accountRoutes: FastifyPluginAsyncZod<{ app: VigilApp }> = async (r) => {
  r.post(
    '/accounts',
    {
      schema: {
        tags,
        operationId: 'createAccount',
        summary: 'Create an account with a first password; returns its TOTP secret and recovery codes once',
        body: AccountInputSchema,
        response: { 201: NewAccountSchema, ...errorResponses(...BODY_ERRORS, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await req.vigil.createAccount(req.body)),
  );

  r.get(
    '/accounts',
    { schema: { tags, operationId: 'listAccounts', summary: 'List accounts', querystring: PageQuerySchema, response: { 200: pageOf(AccountSchema), ...errorResponses(400, 401, 403) } } },
    async (req) => req.vigil.listAccounts(req.query),
  );

  r.patch(
    '/accounts/:id',
    {
      schema: {
        tags,
        operationId: 'updateAccount',
        summary: 'Change an account’s role or name, or disable it (its sessions end)',
        params: IdParamsSchema,
        body: AccountPatchSchema,
        response: { 200: AccountSchema, ...errorResponses(...BODY_ERRORS, 401, 403, 404) },
      },
    },
    async (req) => req.vigil.updateAccount({ id: req.params.id, patch: req.body }),
  );

  r.get(
    '/collections/:id/members',
    { schema: { tags, operationId: 'listMembers', summary: 'Members of a collection', params: IdParamsSchema, response: { 200: z.object({ items: z.array(AccountSchema) }), ...errorResponses(400, 401, 404) } } },
    async (req) => ({ items: await req.vigil.listMembers(req.params.id) }),
  );

  r.post(
    '/collections/:id/members',
    {
      schema: {
        tags,
        operationId: 'addMember',
        summary: 'Make an account a member: the collection key, which your session holds, is wrapped for it',
        params: IdParamsSchema,
        body: z.object({ userId: IdSchema }).strict(),
        response: { 201: z.object({ collectionId: z.string(), userId: z.string() }), ...errorResponses(...BODY_ERRORS, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.code(201).send(await req.vigil.addMember({ collectionId: req.params.id, userId: req.body.userId })),
  );

  r.delete(
    '/collections/:id/members/:userId',
    { schema: { tags, operationId: 'removeMember', summary: 'Remove a member', params: MemberParamsSchema, response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) } } },
    async (req, reply) => {
      await req.vigil.removeMember({ collectionId: req.params.id, userId: req.params.userId });
      return reply.code(204).send(null);
    },
  );
};
