import { DomainError } from '#core/errors';
import { allErrorMessages, type ErrorCode, type ErrorParams } from '#core/i18n/errors.pl';

/** A rejected value: the stable code and the Polish message a person reads. */
export type CheckFailure = { ok: false; code: ErrorCode; message: string };

/**
 * The outcome of checking a value someone typed or imported.
 *
 * Checks return this instead of throwing because a form validates as you type and an import
 * collects every bad row; only a service turns a failure into a DomainError (see valueOrThrow).
 */
export type CheckResult<T> = { ok: true; value: T } | CheckFailure;

/** Builds a failure whose message comes from the error catalogue. */
export function checkFailure<C extends ErrorCode>(
  code: C,
  ...params: ErrorParams<C> extends undefined ? [] : [ErrorParams<C>]
): CheckFailure {
  // Same cast as fail(): the catalogue's functions take differently shaped parameters, and the
  // rest-parameter type above already ties `params` to `code`.
  const render = allErrorMessages[code] as (p: unknown) => string;
  return { ok: false, code, message: render(params[0]) };
}

/** Returns the checked value, or throws the failure as a DomainError for a service to report. */
export function valueOrThrow<T>(result: CheckResult<T>): T {
  if (result.ok) return result.value;
  throw new DomainError(result.code, result.message);
}
