import { allErrorMessages, type ErrorCode, type ErrorParams } from '#core/i18n/errors.pl';

/**
 * An error meant for a person: a stable code plus a Polish message from the catalogue.
 *
 * Services throw it; transports turn it into `{ error: { code, message } }`. Anything else
 * thrown is an internal fault and is reported as INTERNAL with the detail kept in the log.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

/** Builds a DomainError whose message comes from the catalogue. */
export function fail<C extends ErrorCode>(
  code: C,
  ...params: ErrorParams<C> extends undefined ? [] : [ErrorParams<C>]
): DomainError {
  const render = allErrorMessages[code] as (p: unknown) => string;
  const p = params[0];
  return new DomainError(code, render(p), p);
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
