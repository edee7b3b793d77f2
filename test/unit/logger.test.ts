import { createLogger } from '../../infra/logger';

describe('the logger', () => {
  it('redacts secrets that slip into log fields', () => {
    const lines: string[] = [];
    const logger = createLogger('info', 'test', { write: (line: string) => lines.push(line) });

    logger.info(
      {
        authorization: 'Bearer fgp_secret-1',
        caller: { token: 'fgp_secret-2', tokenHash: 'abc123secret3' },
        request: { payloads: [{ data: 'secret-4' }], password: 'secret-5' },
        code: 'SECRET6',
        req: { headers: { authorization: 'Bearer secret-7' } },
      },
      'something happened',
    );

    const line = lines.join('');
    expect(line).toContain('something happened');
    for (const secret of ['secret-1', 'secret-2', 'secret3', 'secret-4', 'secret-5', 'SECRET6']) {
      expect(line).not.toContain(secret);
    }
    expect(line).not.toContain('secret-7');
  });
});
