/**
 * An operator's SMS gateway as the webhook provider meets it: it trusts a request only when
 * `X-Flowgate-Signature` (`t=<unix>,v1=<hex HMAC-SHA-256 of "<t>.<raw body>">`) verifies with
 * the shared secret and the timestamp is recent, and answers 401 otherwise. The check is
 * written here from the README's description, independently of the sender's code.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookSms {
  to: string;
  text: string;
  idempotencyKey: string;
}

export interface SmsWebhookReceiver {
  url: string;
  /** Requests whose signature verified. */
  accepted: WebhookSms[];
  /** Requests refused for a missing, wrong or stale signature. */
  rejected: number;
  /** When set, every trusted request is answered with this status instead of 200. */
  failWith?: number;
  close(): Promise<void>;
}

const TOLERANCE_SECONDS = 300;

export function signatureIsValid(secret: string, header: string | undefined, raw: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) {
    return false;
  }
  const [, timestamp, mac] = match;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) {
    return false;
  }
  const expected = createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest();
  return timingSafeEqual(expected, Buffer.from(mac, 'hex'));
}

export async function startSmsWebhookReceiver(secret: string): Promise<SmsWebhookReceiver> {
  const receiver: SmsWebhookReceiver = {
    url: '',
    accepted: [],
    rejected: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const signature = req.headers['x-flowgate-signature'];
      const trusted =
        req.method === 'POST' &&
        req.headers['content-type'] === 'application/json' &&
        signatureIsValid(secret, typeof signature === 'string' ? signature : undefined, raw);
      if (!trusted) {
        receiver.rejected += 1;
        res.writeHead(401).end();
        return;
      }
      receiver.accepted.push(JSON.parse(raw));
      res.writeHead(receiver.failWith ?? 200).end();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}/sms`;
  return receiver;
}
