/** The flow kinds `npm run bench -- --flows a,b` can pick, in the order they run. */
import { emailFlow } from './email-flow';
import type { FlowKind } from './flow-kind';
import { idpIntentFlow } from './idp-intent-flow';
import { passkeyFlow } from './passkey-flow';
import { passwordResetFlow } from './password-reset-flow';
import { phoneFlow } from './phone-flow';
import { totpFlow } from './totp-flow';

export const FLOW_KINDS: readonly FlowKind[] = [
  emailFlow,
  phoneFlow,
  totpFlow,
  passkeyFlow,
  idpIntentFlow,
  passwordResetFlow,
];

export function flowKindNamed(name: string): FlowKind {
  const kind = FLOW_KINDS.find((k) => k.name === name);
  if (!kind) {
    const known = FLOW_KINDS.map((k) => k.name).join(', ');
    throw new Error(`unknown flow "${name}"; known flows: ${known}`);
  }
  return kind;
}
