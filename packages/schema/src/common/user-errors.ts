import { builder } from '../builder';
import { PROBLEM_CODES, type Problem, type ProblemCode, problem } from '../domain/problems';

export type UserErrorCode = ProblemCode;

/** A Problem as the caller sees it: its field path starts at the argument, e.g. ['input', 'products', '0', 'monthlyCapacity']. */
export type UserError = Problem;

export const UserErrorCodeEnum = builder.enumType('UserErrorCode', {
  description: 'Machine-readable reason of a user error.',
  values: Object.fromEntries(
    Object.entries(PROBLEM_CODES).map(([code, description]) => [code, { description }]),
  ),
});

export const UserErrorRef = builder.objectRef<UserError>('UserError').implement({
  description: 'A problem with the input that the caller can fix. Nothing was changed.',
  fields: (t) => ({
    code: t.field({ type: UserErrorCodeEnum, resolve: (e) => e.code }),
    field: t.stringList({
      description: 'Path to the offending input field, e.g. ["input", "name"].',
      resolve: (e) => e.field,
    }),
    message: t.exposeString('message', { description: 'A sentence for a person.' }),
  }),
});

export const userError = problem;

/** Checks of free text shared by every mutation: required-ness and a length cap. */
export function checkText(
  value: string | null | undefined,
  field: string[],
  { required = false, max }: { required?: boolean; max: number },
): UserError[] {
  const label = field.at(-1) ?? 'value';
  if (value === undefined || value === null) {
    return required ? [userError('REQUIRED', field, `${label} is required.`)] : [];
  }
  if (required && value.trim() === '') return [userError('REQUIRED', field, `${label} must not be empty.`)];
  if (value.length > max) {
    return [userError('TOO_LONG', field, `${label} must be at most ${max} characters; got ${value.length}.`)];
  }
  return [];
}
