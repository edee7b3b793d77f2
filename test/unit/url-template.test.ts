import { isValidUrlTemplate, renderUrlTemplate } from '../../common/url-template';

const DATA = { UserID: '42', Code: 'ABC123', OrgID: '7' };
const FIELDS = ['UserID', 'Code', 'OrgID'];

describe('renderUrlTemplate', () => {
  it('replaces each field action with its value', () => {
    const template = 'https://app/verify?u={{.UserID}}&c={{.Code}}&o={{.OrgID}}';

    const url = renderUrlTemplate(template, DATA);

    expect(url).toBe('https://app/verify?u=42&c=ABC123&o=7');
  });

  it('accepts spaces inside the braces, as Go text/template does', () => {
    expect(renderUrlTemplate('https://app/?c={{ .Code }}', DATA)).toBe('https://app/?c=ABC123');
  });

  it('renders the same field twice', () => {
    expect(renderUrlTemplate('{{.Code}}-{{.Code}}', DATA)).toBe('ABC123-ABC123');
  });

  it('leaves a template without actions as it is', () => {
    expect(renderUrlTemplate('https://app/verify', DATA)).toBe('https://app/verify');
  });

  it('does not expand a value that itself looks like an action', () => {
    expect(renderUrlTemplate('{{.Code}}', { Code: '{{.UserID}}', UserID: '42' })).toBe(
      '{{.UserID}}',
    );
  });

  it('rejects a field the data does not have', () => {
    expect(renderUrlTemplate('https://app/?x={{.Foo}}', DATA)).toBeUndefined();
  });

  it('rejects field names by exact case', () => {
    expect(renderUrlTemplate('https://app/?u={{.userid}}', DATA)).toBeUndefined();
  });

  it.each([
    ['an unclosed action', 'https://app/?c={{.Code}'],
    ['an action without opening braces', 'https://app/?c=.Code}}'],
    ['a stray opening pair', 'https://app/{{?c={{.Code}}'],
    ['an action that never ends', 'https://app/?c={{.Code'],
  ])('rejects %s', (_name, template) => {
    expect(renderUrlTemplate(template, DATA)).toBeUndefined();
  });

  it.each([
    ['an if action', '{{if .Code}}https://app/?c={{.Code}}{{end}}'],
    ['a range action', '{{range .Code}}x{{end}}'],
    ['a pipeline', 'https://app/?c={{.Code | urlquery}}'],
    ['a function call', 'https://app/?c={{printf "%s" .Code}}'],
    ['the dot alone', 'https://app/?c={{.}}'],
    ['a comment action', 'https://app/{{/* note */}}?c={{.Code}}'],
  ])('rejects %s', (_name, template) => {
    expect(renderUrlTemplate(template, DATA)).toBeUndefined();
  });
});

describe('isValidUrlTemplate', () => {
  it('accepts a template that uses only the given fields', () => {
    expect(isValidUrlTemplate('https://app/?u={{.UserID}}&c={{ .Code }}', FIELDS)).toBe(true);
  });

  it('rejects a field outside the given ones', () => {
    expect(isValidUrlTemplate('https://app/?u={{.Foo}}', FIELDS)).toBe(false);
  });

  it('rejects a field that only another flow offers', () => {
    expect(isValidUrlTemplate('https://app/?id={{.CodeID}}', FIELDS)).toBe(false);
    expect(isValidUrlTemplate('https://app/?id={{.CodeID}}', [...FIELDS, 'CodeID'])).toBe(true);
  });

  it('rejects unbalanced braces', () => {
    expect(isValidUrlTemplate('https://app/?c={{.Code}', FIELDS)).toBe(false);
  });
});
