/**
 * The subset of Go's text/template that ZITADEL's URL templates use: `{{.Field}}` actions,
 * optionally with spaces inside the braces. Anything else (unknown fields, other actions,
 * unbalanced braces) is rejected, as the contract asks, before anything is stored.
 */
export type TemplateData = Record<string, string>;

const ACTION = /\{\{\s*\.([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** Renders `template`, or returns undefined when it is not a valid template for `fields`. */
export function renderUrlTemplate(template: string, data: TemplateData): string | undefined {
  // Own fields only: `{{.constructor}}` must not reach what every object inherits.
  const unknown = [...template.matchAll(ACTION)].some(([, field]) => !Object.hasOwn(data, field));
  const leftover = template.replace(ACTION, '');
  if (unknown || leftover.includes('{{') || leftover.includes('}}')) {
    return undefined;
  }
  return template.replace(ACTION, (_, field: string) => data[field]);
}

/** Whether the template renders with the given fields (checked with dummy values). */
export function isValidUrlTemplate(template: string, fields: readonly string[]): boolean {
  const dummy = Object.fromEntries(fields.map((f) => [f, 'x']));
  return renderUrlTemplate(template, dummy) !== undefined;
}
