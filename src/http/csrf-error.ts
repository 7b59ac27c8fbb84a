/** A state-changing request without the session's CSRF token (403 CSRF_FAILED). */
export class CsrfError extends Error {
  constructor() {
    super('the request lacks this session’s CSRF token (x-csrf-token)');
    this.name = 'CsrfError';
  }
}
