/**
 * The benchmark's HTTP client: JSON POSTs to the API with the admin token over node:http, with
 * a keep-alive agent (one TCP connection per lane, reused) unless the run measures the cost of
 * a connection per request. Anything but 200 is thrown with the contract's error id, so a
 * failure reads like `HTTP 404 VERIFICATION-NOT-FOUND` and never shows a body.
 */
import http from 'node:http';

export interface BenchApi {
  readonly url: string;
  post<T>(path: string, body: unknown): Promise<T>;
  close(): void;
}

export function benchApi(url: string, token: string, keepAlive: boolean): BenchApi {
  const agent = new http.Agent({ keepAlive, maxSockets: Infinity });
  const base = new URL(url);

  const post = <T>(path: string, body: unknown): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const payload = Buffer.from(JSON.stringify(body));
      const request = http.request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          path,
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': payload.length,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (response.statusCode !== 200) {
              reject(new Error(`HTTP ${response.statusCode} ${errorIdOf(text)}`));
              return;
            }
            resolve(JSON.parse(text) as T);
          });
        },
      );
      request.on('error', reject);
      request.end(payload);
    });

  return { url, post, close: () => agent.destroy() };
}

function errorIdOf(text: string): string {
  try {
    const parsed = JSON.parse(text) as { details?: { id?: string }[] };
    return parsed.details?.[0]?.id ?? '(no error id)';
  } catch {
    return '(not JSON)';
  }
}
