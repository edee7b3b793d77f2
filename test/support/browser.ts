/**
 * A small browser for redirect round trips: keeps cookies per host, follows redirects, fills
 * and posts the forms it is told to, and stops at the first URL outside the hosts it may
 * visit (the application's success or failure page).
 */
export interface BrowserResult {
  /** The URL the browser was finally sent to, not fetched. */
  landedAt: URL;
}

/** The fields to post, or a URL (relative to the form's action) to open instead. */
type FormFiller = (
  action: string,
  fields: Record<string, string>,
) => Record<string, string> | { open: string };

export class TestBrowser {
  private readonly cookies = new Map<string, Map<string, string>>();
  /** Every URL fetched, in order. */
  readonly visited: URL[] = [];

  constructor(private readonly allowedOrigins: string[]) {}

  private cookieHeader(url: URL): string {
    const jar = this.cookies.get(url.host);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }

  private keepCookies(url: URL, response: Response): void {
    const jar = this.cookies.get(url.host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair.indexOf('=');
      jar.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
    }
    this.cookies.set(url.host, jar);
  }

  async request(url: URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(url);
    if (cookie) {
      headers.set('cookie', cookie);
    }
    this.visited.push(url);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.keepCookies(url, response);
    return response;
  }

  /**
   * Opens `start` and goes on until the browser is sent outside the allowed origins. Each HTML
   * page with a form is submitted with the fields `fill` returns.
   */
  async visit(start: string, fill: FormFiller, maxSteps = 20): Promise<BrowserResult> {
    let url = new URL(start);
    let init: RequestInit = {};
    for (let step = 0; step < maxSteps; step += 1) {
      if (!this.allowedOrigins.includes(url.origin)) {
        return { landedAt: url };
      }
      const response = await this.request(url, init);
      init = {};
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url);
        continue;
      }
      const html = await response.text();
      const form = parseForm(html);
      if (!form) {
        throw new Error(`no form at ${url.pathname} (${response.status}): ${html.slice(0, 300)}`);
      }
      const fields = fill(form.action, form.fields);
      url = new URL(form.action, url);
      if ('open' in fields) {
        url = new URL(fields.open, url);
        continue;
      }
      init = {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      };
    }
    throw new Error('too many steps');
  }
}

/** The first form of a page: its action and the names and values of its inputs. */
function parseForm(html: string): { action: string; fields: Record<string, string> } | undefined {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) {
    return undefined;
  }
  const fields: Record<string, string> = {};
  for (const input of form[2].matchAll(/<input[^>]*>/gi)) {
    const name = /name="([^"]+)"/.exec(input[0])?.[1];
    if (name) {
      fields[name] = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
    }
  }
  return { action: decodeEntities(form[1]), fields };
}

function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&#x2F;/g, '/')
    .replace(/&#47;/g, '/');
}
