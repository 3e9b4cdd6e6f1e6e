/**
 * The catalogue of errors a user can meet, with stable codes. Services throw VigilError;
 * the API turns the code into its HTTP status and `{ error: { code, message, details } }`.
 */
export const ERROR_STATUS = {
  AUTH_REQUIRED: 401,
  BAD_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  OUT_OF_SCOPE: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  ALARM_TAKEN: 409,
  INVALID_TRANSITION: 409,
  RATE_LIMITED: 429,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** An expected error: bad input, missing rights, a lost race. Never a bug. */
export class VigilError extends Error {
  override name = 'VigilError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string, id: string) =>
  new VigilError('NOT_FOUND', `${what} ${id} does not exist`);

export const invalid = (message: string, details?: unknown) =>
  new VigilError('VALIDATION', message, details);
