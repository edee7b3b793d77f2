/** Properties of URL template rendering over generated templates and values (fast-check). */
import fc from 'fast-check';
import { isValidUrlTemplate, renderUrlTemplate } from '../../common/url-template';

const FIELDS = ['UserID', 'Code', 'OrgID'] as const;
const plainText = fc.string().filter((s) => !s.includes('{') && !s.includes('}'));
const field = fc.constantFrom(...FIELDS);
const values = fc.record({ UserID: fc.string(), Code: fc.string(), OrgID: fc.string() });

/** Pieces of a template: literal text or a field action. */
const pieces = fc.array(
  fc.oneof(
    plainText.map((text) => ({ text })),
    field.map((f) => ({ f })),
  ),
);

describe('renderUrlTemplate', () => {
  it('replaces each action with its value and keeps the text around it', () => {
    fc.assert(
      fc.property(pieces, values, (parts, data) => {
        const template = parts.map((p) => ('f' in p ? `{{.${p.f}}}` : p.text)).join('');
        const expected = parts.map((p) => ('f' in p ? data[p.f] : p.text)).join('');
        return renderUrlTemplate(template, data) === expected;
      }),
    );
  });

  it('refuses a field it was not given, including names every object inherits', () => {
    const foreign = fc.oneof(
      fc.constantFrom('constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'),
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,12}$/).filter((f) => !FIELDS.includes(f as never)),
    );
    fc.assert(
      fc.property(plainText, foreign, (text, name) => {
        const template = `${text}{{.${name}}}`;
        return (
          !isValidUrlTemplate(template, FIELDS) && renderUrlTemplate(template, {}) === undefined
        );
      }),
    );
  });

  it('refuses stray braces anywhere', () => {
    fc.assert(
      fc.property(
        plainText,
        plainText,
        fc.constantFrom('{{', '}}', '{{.Code', '.Code}}'),
        (a, b, s) => !isValidUrlTemplate(`${a}${s}${b}`, FIELDS),
      ),
    );
  });
});
