/** Properties of code generation and code hashes, over many generated inputs (fast-check). */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { CODE_ALPHABET, codeMatches, generateCode, hashCode } from '../../infra/codes';

const KEY = randomBytes(32);
const codeArb = fc.string({ unit: fc.constantFrom(...CODE_ALPHABET), minLength: 6, maxLength: 20 });

describe('generateCode', () => {
  it('always gives the asked length over the code alphabet', () => {
    fc.assert(
      fc.property(fc.integer({ min: 6, max: 20 }), (length) => {
        const code = generateCode(length);
        return code.length === length && [...code].every((c) => CODE_ALPHABET.includes(c));
      }),
    );
  });

  it('draws every character of the alphabet (no biased or missing symbol)', () => {
    const seen = new Set(Array.from({ length: 400 }, () => generateCode(20)).join(''));
    expect(seen.size).toBe(CODE_ALPHABET.length);
  });
});

describe('hashCode and codeMatches', () => {
  it('match a code against its own hash in the same scope', () => {
    fc.assert(
      fc.property(codeArb, fc.string(), (code, scope) =>
        codeMatches(KEY, scope, code, hashCode(KEY, scope, code)),
      ),
    );
  });

  it('refuse any other code, and the same code in another scope', () => {
    fc.assert(
      fc.property(codeArb, codeArb, fc.string(), fc.string(), (code, other, scope, elsewhere) => {
        const stored = hashCode(KEY, scope, code);
        const wrongCode = other === code || codeMatches(KEY, scope, other, stored) === false;
        const wrongScope = elsewhere === scope || !codeMatches(KEY, elsewhere, code, stored);
        return wrongCode && wrongScope;
      }),
    );
  });

  it('never store the code itself', () => {
    fc.assert(
      fc.property(
        codeArb,
        fc.string(),
        (code, scope) => !hashCode(KEY, scope, code).includes(code),
      ),
    );
  });
});
