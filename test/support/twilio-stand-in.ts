/**
 * A local stand-in of Twilio's Messages API: it accepts
 * `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` only with the account's Basic auth and
 * a form body, answers 201 with a message resource as Twilio does, and keeps what it received.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSms {
  to: string;
  from?: string;
  messagingServiceSid?: string;
  body: string;
}

export interface TwilioStandIn {
  url: string;
  accountSid: string;
  authToken: string;
  received: ReceivedSms[];
  /** Requests refused for a wrong path, method, content type or credentials. */
  refused: number;
  /** When set, every valid request is answered with this Twilio error status. */
  failWith?: number;
  close(): Promise<void>;
}

function answer(res: http.ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function startTwilioStandIn(): Promise<TwilioStandIn> {
  const standIn: TwilioStandIn = {
    url: '',
    accountSid: `AC${'0123456789abcdef'.repeat(2)}`,
    authToken: 'stand-in-auth-token',
    received: [],
    refused: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const expectedAuth = `Basic ${Buffer.from(`${standIn.accountSid}:${standIn.authToken}`).toString(
    'base64',
  )}`;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = `/2010-04-01/Accounts/${standIn.accountSid}/Messages.json`;
      const formBody = req.headers['content-type']?.startsWith('application/x-www-form-urlencoded');
      if (req.method !== 'POST' || req.url !== path || !formBody) {
        standIn.refused += 1;
        answer(res, 404, { code: 20404, message: 'The requested resource was not found' });
        return;
      }
      if (req.headers.authorization !== expectedAuth) {
        standIn.refused += 1;
        answer(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
        return;
      }

      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const to = form.get('To');
      const text = form.get('Body');
      if (!to || !text || !(form.get('From') || form.get('MessagingServiceSid'))) {
        standIn.refused += 1;
        answer(res, 400, { code: 21604, message: "A 'To' phone number is required.", status: 400 });
        return;
      }
      standIn.received.push({
        to,
        from: form.get('From') ?? undefined,
        messagingServiceSid: form.get('MessagingServiceSid') ?? undefined,
        body: text,
      });
      if (standIn.failWith) {
        const message = "The 'To' number is not a valid phone number.";
        answer(res, standIn.failWith, { code: 21211, message, status: standIn.failWith });
        return;
      }
      answer(res, 201, {
        sid: `SM${String(standIn.received.length).padStart(32, '0')}`,
        account_sid: standIn.accountSid,
        to,
        from: form.get('From'),
        body: text,
        status: 'queued',
        num_segments: '1',
        direction: 'outbound-api',
        api_version: '2010-04-01',
        date_created: new Date().toUTCString(),
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  standIn.url = `http://127.0.0.1:${port}`;
  return standIn;
}
