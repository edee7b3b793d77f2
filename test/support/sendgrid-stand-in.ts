/**
 * A local stand-in of SendGrid's v3 mail API: it accepts POST /v3/mail/send the way SendGrid
 * does (202, empty body) and keeps what it received, so a test can read the real client's
 * requests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  authorization?: string;
  body: {
    personalizations: { to: { email: string }[] }[];
    from: { email: string };
    subject: string;
    content: { type: string; value: string }[];
  };
}

export interface SendGridStandIn {
  url: string;
  received: ReceivedMail[];
  /** When set, every request is answered with this status instead of 202. */
  failWith?: number;
  close(): Promise<void>;
}

export async function startSendGridStandIn(): Promise<SendGridStandIn> {
  const received: ReceivedMail[] = [];
  const standIn: SendGridStandIn = {
    url: '',
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v3/mail/send') {
        res.writeHead(404).end();
        return;
      }
      received.push({
        authorization: req.headers.authorization,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      res.writeHead(standIn.failWith ?? 202).end();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  standIn.url = `http://127.0.0.1:${port}`;
  return standIn;
}
