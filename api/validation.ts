/**
 * Request parsing: snake_case keys are accepted beside camelCase (as protojson does), unknown
 * fields are ignored, and the first violation is reported in protoc-gen-validate's words.
 */
import { z, type ZodTypeAny } from 'zod';
import { ValidationError } from '../common/errors';

const camel = (key: string): string =>
  key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Renames snake_case keys to camelCase at every depth; values are left as they are. */
export function camelizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(camelizeKeys);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [camel(k), camelizeKeys(v)]),
    );
  }
  return value;
}

const pascal = (segment: string | number): string =>
  typeof segment === 'number' ? `[${segment}]` : segment.charAt(0).toUpperCase() + segment.slice(1);

function describe(issue: z.ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return issue.type === 'string'
        ? `value length must be at least ${issue.minimum} runes`
        : `value must have at least ${issue.minimum} items`;
    case 'too_big':
      return issue.type === 'string'
        ? `value length must be at most ${issue.maximum} runes`
        : `value must have at most ${issue.maximum} items`;
    case 'invalid_type':
      return issue.received === 'undefined'
        ? 'value is required'
        : `value must be ${issue.expected}`;
    case 'invalid_string':
      return issue.validation === 'email' ? 'value must be a valid email address' : issue.message;
    default:
      return issue.message;
  }
}

/** Parses `input` with `schema` or throws a ValidationError naming the request and field. */
export function parseRequest<S extends ZodTypeAny>(
  requestName: string,
  schema: S,
  input: unknown,
): z.infer<S> {
  const result = schema.safeParse(camelizeKeys(input ?? {}));
  if (result.success) {
    return result.data;
  }

  const issue = result.error.issues[0];
  const field = issue.path.map(pascal).join('.').replace(/\.\[/g, '[');
  const where = field ? `${requestName}.${field}` : requestName;
  throw new ValidationError(`invalid ${where}: ${describe(issue)}`);
}

/** A string of `min`..`max` characters (counted as code points, like PGV's runes). */
export const runes = (min: number, max: number) =>
  z.string().refine((s) => {
    const length = [...s].length;
    return length >= min && length <= max;
  }, `value length must be between ${min} and ${max} runes, inclusive`);

/** Ids in paths and bodies: 1..200 visible characters, no whitespace or control characters. */
export const idString = runes(1, 200).refine(
  (s) => /^[^\s\p{Cc}]+$/u.test(s),
  'value must not contain whitespace or control characters',
);

/** A protobuf oneof: at most one of `keys` may be present. */
export function atMostOne<T extends Record<string, unknown>>(keys: (keyof T & string)[]) {
  return (value: T, ctx: z.RefinementCtx): void => {
    const present = keys.filter((k) => value[k] !== undefined);
    if (present.length > 1) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `only one of ${present.join(', ')} may be set`,
      });
    }
  };
}

export const emailAddress = runes(1, 200).pipe(z.string().email());
