import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import {
  isPermanentStatus,
  PermanentSmsError,
  type SmsMessage,
  type SmsSender,
} from './sms-sender';

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  /** A sender number (E.164) or a messaging service SID (`MG...`). */
  from: string;
  /** Origin of Twilio's API; a test points the real client at a local stand-in. */
  baseUrl?: string;
  timeoutMs?: number;
}

/** Twilio's own HTTP client, with every request sent to `baseUrl`'s origin instead. */
class RedirectingRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: URL,
    timeoutMs: number,
  ) {
    super({ timeout: timeoutMs });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = new URL(opts.uri);
    uri.protocol = this.baseUrl.protocol;
    uri.host = this.baseUrl.host;
    return super.request<TData>({ ...opts, uri: uri.href });
  }
}

/** Delivers SMS through Twilio's Messages API with the real `twilio` client. */
export class TwilioSmsSender implements SmsSender {
  readonly provider = 'twilio';
  private readonly client: twilio.Twilio;

  constructor(private readonly options: TwilioOptions) {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const httpClient = options.baseUrl
      ? new RedirectingRequestClient(new URL(options.baseUrl), timeoutMs)
      : new twilio.RequestClient({ timeout: timeoutMs });
    // `env: {}` keeps the client from reading TWILIO_* variables itself: config/ does that.
    this.client = twilio(options.accountSid, options.authToken, { httpClient, env: {} });
  }

  async send(message: SmsMessage): Promise<void> {
    const { from } = this.options;
    const sender = /^MG[0-9a-f]{32}$/i.test(from) ? { messagingServiceSid: from } : { from };
    try {
      await this.client.messages.create({ to: message.to, body: message.text, ...sender });
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      if (typeof status === 'number' && isPermanentStatus(status)) {
        throw new PermanentSmsError(this.provider, status);
      }
      // Twilio's own messages may quote the number; failure messages reach workflow history
      // unencrypted, so only the status travels on.
      const answered = typeof status === 'number' ? `HTTP ${status}` : 'no answer';
      throw new Error(`the Twilio request failed (${answered})`);
    }
  }
}
