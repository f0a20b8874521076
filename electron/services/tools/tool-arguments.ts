import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * A call's arguments checked before anything runs: JSON text the model wrote (untrusted), parsed
 * and validated against the tool's `inputSchema` with ajv. A failure is worded for the model (it
 * can correct itself) and shown to the user as the call's result; nothing throws.
 */

export type CheckedArguments = { ok: true; args: Record<string, unknown> } | { ok: false; message: string };

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
addFormats(ajv);
const compiled = new WeakMap<object, ValidateFunction | Error>();

export function checkArguments(text: string, schema: Record<string, unknown>): CheckedArguments {
  let args: unknown;
  // No arguments at all is an empty object: some servers send nothing for a tool without parameters.
  if (text.trim() === '') args = {};
  else {
    try {
      args = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        message: `The arguments are not valid JSON (${reason}). Send them as one JSON object.`,
      };
    }
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args))
    return { ok: false, message: 'The arguments must be a JSON object.' };
  const validate = validatorFor(schema);
  if (validate instanceof Error)
    // The tool's own schema is broken: run-time checks are skipped rather than refusing every call.
    return { ok: true, args: args as Record<string, unknown> };
  if (validate(args)) return { ok: true, args: args as Record<string, unknown> };
  const problems = (validate.errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '(the arguments)'} ${e.message ?? 'is invalid'}${paramsNote(e.params)}`)
    .join('; ');
  return { ok: false, message: `The arguments do not match the tool's schema: ${problems}.` };
}

function validatorFor(schema: Record<string, unknown>): ValidateFunction | Error {
  const cached = compiled.get(schema);
  if (cached) return cached;
  let result: ValidateFunction | Error;
  try {
    // `$schema` of a draft ajv does not bundle would refuse to compile; the keywords are what matter.
    const { $schema: _ignored, ...rest } = schema;
    result = ajv.compile(rest);
  } catch (error) {
    console.warn('[tools] a tool input schema could not be compiled:', error);
    result = error instanceof Error ? error : new Error(String(error));
  }
  compiled.set(schema, result);
  return result;
}

function paramsNote(params: Record<string, unknown> | undefined): string {
  if (!params) return '';
  if (typeof params.additionalProperty === 'string') return ` (${params.additionalProperty})`;
  if (Array.isArray(params.allowedValues)) return ` (${params.allowedValues.join(', ')})`;
  return '';
}
