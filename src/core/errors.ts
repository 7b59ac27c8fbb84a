/** Typed domain errors with stable codes; http maps codes to statuses in one table. */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'COLLECTION_NOT_FOUND'
  | 'SOURCE_NOT_FOUND'
  | 'INCIDENT_NOT_FOUND'
  | 'ACT_NOT_FOUND'
  | 'CLAIM_NOT_FOUND'
  | 'ACTOR_NOT_FOUND'
  | 'PLACE_NOT_FOUND'
  | 'CONFLICT'
  | 'IN_USE'
  | 'IMPORT_FAILED'
  | 'PERSON_NOT_FOUND'
  | 'ACCOUNT_NOT_FOUND'
  /** No valid session: sign in. */
  | 'UNAUTHENTICATED'
  /** The caller's role does not allow the operation. */
  | 'FORBIDDEN'
  /** Wrong e-mail, password or second factor: one answer for all three. */
  | 'SIGN_IN_FAILED'
  /** Too many failed sign-ins from this account or address: wait. */
  | 'THROTTLED'
  /** Sealed data needs a member's keys, which this session does not hold. */
  | 'KEYS_LOCKED'
  /** First-run set-up was already done. */
  | 'SETUP_DONE';

export interface FieldIssue {
  /** Dotted path of the field at fault, e.g. `acts.0.type`. */
  readonly path: string;
  readonly message: string;
}

export class VigilError extends Error {
  readonly code: ErrorCode;
  readonly fields: readonly FieldIssue[];
  constructor(code: ErrorCode, message: string, fields: readonly FieldIssue[] = []) {
    super(message);
    this.name = 'VigilError';
    this.code = code;
    this.fields = fields;
  }
}

export class ValidationError extends VigilError {
  constructor(message: string, fields: readonly FieldIssue[]) {
    super('VALIDATION_FAILED', message, fields);
    this.name = 'ValidationError';
  }
}

export type NotFoundCode = Extract<ErrorCode, `${string}_NOT_FOUND`>;

export class NotFoundError extends VigilError {
  constructor(code: NotFoundCode, entity: string, id: string, field?: string) {
    // The id is ours (a UUID), never a name: safe to echo.
    super(code, `${entity} ${id} does not exist`, field ? [{ path: field, message: `no ${entity} with this id` }] : []);
    this.name = 'NotFoundError';
  }
}

export function isVigilError(e: unknown): e is VigilError {
  return e instanceof VigilError;
}

export class ForbiddenError extends VigilError {
  constructor(message = 'your role does not allow this') {
    super('FORBIDDEN', message);
    this.name = 'ForbiddenError';
  }
}
