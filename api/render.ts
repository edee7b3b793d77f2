/**
 * protojson rendering: empty fields are left out (EmitUnpopulated=false), so `undefined`,
 * `null` and `''` never appear in a response.
 */
export function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as Partial<T>;
}
