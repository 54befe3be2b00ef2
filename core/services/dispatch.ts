import { z } from 'zod';
import { contract, isMethodName, type ApiError, type MethodName } from '#core/contract';
import type { Ctx } from '#core/services/context';
import type { Handler, UploadSource } from '#core/services/handlers';
import { fail, isDomainError } from '#core/errors';
import { errorMessages } from '#core/i18n/errors.pl';
import { fieldLabels } from '#core/i18n/labels.pl';
import { allHandlers } from '#core/services/registry';

/** `revision`: the store's revision after the call (the renderer refreshes what it shows when it moves). */
export type DispatchResult = ({ ok: true; value: unknown } | { ok: false; error: ApiError }) & { revision?: number };

/** Turns zod's issues into one Polish sentence per field, naming the field as the form does. */
export function describeIssues(error: z.ZodError): ApiError {
  const fields: Record<string, string> = {};
  const lines: string[] = [];
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '(dane)';
    const top = String(issue.path[0] ?? '');
    const label = fieldLabels[top] ?? key;
    if (!(key in fields)) {
      fields[key] = issue.message;
      lines.push(`${label}: ${issue.message}`);
    }
  }
  return { code: 'INVALID_INPUT', message: errorMessages.INVALID_INPUT({ detail: lines.join('; ') }), fields };
}

/**
 * The one entry point both transports call: validate the input against the contract, run the
 * handler, validate the output, and turn every failure into `{ code, message }` in Polish.
 */
export async function dispatch(ctx: Ctx, method: string, rawInput: unknown, upload?: UploadSource): Promise<DispatchResult> {
  if (!isMethodName(method)) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: fail('UNKNOWN_METHOD', { method }).message } };
  const spec = contract[method];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  try {
    const handler = allHandlers[method] as Handler<MethodName>;
    const value = await handler(ctx, parsed.data, upload);
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      ctx.log(`output of ${method} violates the contract: ${checked.error.message}`);
      return { ok: false, error: { code: 'INTERNAL', message: errorMessages.INTERNAL() } };
    }
    if (spec.kind === 'command') ctx.store.changed();
    return { ok: true, value: checked.data, revision: ctx.store.revision() };
  } catch (e) {
    if (isDomainError(e)) return { ok: false, error: { code: e.code, message: e.message, ...(e.fields === undefined ? {} : { fields: { ...e.fields } }) } };
    if (e instanceof z.ZodError) return { ok: false, error: describeIssues(e) };
    ctx.log(`${method} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return { ok: false, error: { code: 'INTERNAL', message: errorMessages.INTERNAL() } };
  }
}
