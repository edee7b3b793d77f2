/** Passwords and reset codes never appear in cleartext: not in logs, history or PostgreSQL. */
import { temporal } from '@temporalio/proto';
import type { Payload } from '@temporalio/common';
import { verificationWorkflowId } from '../../common/flows';
import { AesGcmPayloadCodec } from '../../infra/payload-codec';
import { dumpAllTables } from '../support/db-probes';
import { createUser } from '../support/passwords';
import { useStack } from '../support/stack';

const lines: string[] = [];

const ctx = useStack({
  env: { LOG_LEVEL: 'info' },
  logDestination: { write: (line: string) => lines.push(line) },
});

/** Every payload anywhere in a history, found by its shape. */
function payloadsIn(value: unknown, found: Payload[] = []): Payload[] {
  if (value && typeof value === 'object') {
    const candidate = value as Payload;
    if (candidate.metadata && candidate.data instanceof Uint8Array) {
      found.push(candidate);
    }
    for (const child of Object.values(value)) {
      payloadsIn(child, found);
    }
  }
  return found;
}

describe('the secrets of a password reset', () => {
  it('leave no cleartext in the log, the workflow history or any table', async () => {
    const first = 'first secret passphrase';
    const second = 'second secret passphrase';
    const third = 'third secret passphrase';
    const { userId } = await createUser(ctx.api, { password: { password: first } });

    const requested = await ctx.api.post(`/v2/users/${userId}/password_reset`, {
      returnCode: {},
    });
    const code = requested.body.verificationCode as string;
    const wrongCode = code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
    const newPassword = (password: string) => ({ password });
    await ctx.api.post(`/v2/users/${userId}/password`, {
      newPassword: newPassword(second),
      verificationCode: wrongCode,
    });
    const set = await ctx.api.post(`/v2/users/${userId}/password`, {
      newPassword: newPassword(second),
      verificationCode: code,
    });
    expect(set.status).toBe(200);
    const changed = await ctx.api.post(`/v2/users/${userId}/password`, {
      newPassword: newPassword(third),
      currentPassword: second,
    });
    expect(changed.status).toBe(200);

    const log = lines.join('');
    expect(log).toContain(`/v2/users/${userId}/password`);
    for (const secret of [first, second, third, `"${code}"`, `"${wrongCode}"`]) {
      expect(log).not.toContain(secret);
    }

    const handle = ctx.stack.temporal.workflow.getHandle(
      verificationWorkflowId('password-reset', userId),
    );
    await handle.result();
    const history = await handle.fetchHistory();
    const raw = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
    for (const secret of [second, code]) {
      expect(raw.includes(Buffer.from(secret))).toBe(false);
    }

    // Even decrypted, the history holds the new password's hash and never the password.
    const codec = new AesGcmPayloadCodec(ctx.stack.config.payloadKeys);
    const decoded = await codec.decode(payloadsIn(history));
    const plain = Buffer.concat(decoded.map((p) => Buffer.from(p.data ?? [])));
    expect(plain.includes(Buffer.from('$argon2id$'))).toBe(true);
    expect(plain.includes(Buffer.from(second))).toBe(false);

    const everything = await dumpAllTables(ctx.stack.db);
    expect(everything).toContain(userId);
    for (const secret of [first, second, third, code]) {
      expect(everything).not.toContain(secret);
    }
  });
});
