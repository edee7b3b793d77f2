import { randomBytes } from 'node:crypto';
import { CODE_ALPHABET, codeMatches, generateCode, hashCode } from '../../infra/codes';

describe('generateCode', () => {
  it('returns a code of the asked length from the default alphabet', () => {
    for (const length of [6, 8, 20]) {
      expect(generateCode(length)).toMatch(new RegExp(`^[A-Z0-9]{${length}}$`));
    }
  });

  it('uses only the characters of a given alphabet', () => {
    expect(generateCode(64, '01')).toMatch(/^[01]{64}$/);
  });

  it('draws every character of the alphabet, the last one included, about equally often', () => {
    const draws = 20_000;
    const counts = new Map<string, number>();
    for (let i = 0; i < draws; i += 1) {
      for (const char of generateCode(6)) {
        counts.set(char, (counts.get(char) ?? 0) + 1);
      }
    }

    // ZITADEL never produces the last character ('9'); Flowgate must (contract, section 1.10).
    expect(CODE_ALPHABET.endsWith('9')).toBe(true);
    expect([...counts.keys()].sort()).toEqual([...CODE_ALPHABET].sort());
    // 120,000 draws over 36 characters: about 3,333 each, standard deviation about 57.
    const expected = (draws * 6) / CODE_ALPHABET.length;
    for (const char of CODE_ALPHABET) {
      expect(Math.abs(counts.get(char)! - expected)).toBeLessThan(expected * 0.1);
    }
  });
});

describe('hashCode', () => {
  const key = randomBytes(32);

  it('is a deterministic hex SHA-256 digest', () => {
    const hash = hashCode(key, 'email-verification:1:1', 'ABC123');

    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashCode(key, 'email-verification:1:1', 'ABC123')).toBe(hash);
  });

  it('depends on the key', () => {
    expect(hashCode(randomBytes(32), 'scope', 'ABC123')).not.toBe(hashCode(key, 'scope', 'ABC123'));
  });

  it('depends on the scope, so a code cannot be replayed in another flow', () => {
    expect(hashCode(key, 'flow-1', 'ABC123')).not.toBe(hashCode(key, 'flow-2', 'ABC123'));
  });

  it('keeps scope and code apart', () => {
    expect(hashCode(key, 'flow-1A', 'BC123')).not.toBe(hashCode(key, 'flow-1', 'ABC123'));
  });

  it('does not contain the code', () => {
    expect(hashCode(key, 'scope', 'abc123')).not.toContain('abc123');
  });
});

describe('codeMatches', () => {
  const key = randomBytes(32);
  const stored = hashCode(key, 'flow-1', 'ABC123');

  it('accepts the code that was hashed', () => {
    expect(codeMatches(key, 'flow-1', 'ABC123', stored)).toBe(true);
  });

  it('rejects another code', () => {
    expect(codeMatches(key, 'flow-1', 'ABC124', stored)).toBe(false);
  });

  it('compares case-sensitively', () => {
    expect(codeMatches(key, 'flow-1', 'abc123', stored)).toBe(false);
  });

  it('rejects the right code in another scope', () => {
    expect(codeMatches(key, 'flow-2', 'ABC123', stored)).toBe(false);
  });

  it('rejects the right code under another key', () => {
    expect(codeMatches(randomBytes(32), 'flow-1', 'ABC123', stored)).toBe(false);
  });

  it('throws on a corrupted stored hash instead of calling it a wrong code', () => {
    expect(() => codeMatches(key, 'flow-1', 'ABC123', 'zz')).toThrow('malformed');
    expect(() => codeMatches(key, 'flow-1', 'ABC123', stored.slice(2))).toThrow('malformed');
  });
});
