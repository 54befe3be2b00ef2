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
  /** The form fields the refusal is about, by input name: the form shows each under its field. */
  readonly fields: Readonly<Record<string, string>> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, fields?: Readonly<Record<string, string>>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
    this.fields = fields;
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

/** Like `fail`, about one field of the form (its input name in the contract). */
export function failOn<C extends ErrorCode>(
  field: string,
  code: C,
  ...params: ErrorParams<C> extends undefined ? [] : [ErrorParams<C>]
): DomainError {
  const e = fail(code, ...params);
  return new DomainError(e.code, e.message, e.details, { [field]: e.message });
}

/**
 * What is wrong with a form's fields, gathered before refusing, so the person sees every
 * problem at once instead of fixing one and being told the next. Throws one error: the first
 * problem's code, every message, each under its field.
 */
export function fieldProblems() {
  const found: { field: string; error: DomainError }[] = [];
  return {
    add(field: string, error: DomainError): void {
      if (!found.some((f) => f.field === field)) found.push({ field, error });
    },
    throwIfAny(): void {
      const first = found[0];
      if (!first) return;
      throw new DomainError(first.error.code, found.map((f) => f.error.message).join(' '), first.error.details, Object.fromEntries(found.map((f) => [f.field, f.error.message])));
    },
  };
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
