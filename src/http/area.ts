import type { FastifyReply } from 'fastify';
import type { VigilApp } from '../app/index.js';

export const API_PREFIX = '/api/v1';

/** What every area plugin receives: the use cases, bound to storage. */
export interface AreaOptions {
  readonly app: VigilApp;
}

/** 201 with a Location header naming the new record, e.g. `created(reply, 'sources', s)`. */
export function created<T extends { id: string }>(reply: FastifyReply, collection: string, body: T): FastifyReply {
  return reply.code(201).header('location', `${API_PREFIX}/${collection}/${body.id}`).send(body);
}
