import { codeDeliveryActivities } from './code-delivery';
import type { ActivityDeps } from './deps';
import { totpRegistrationActivities } from './totp-registration';
import { idpIntentActivities } from './idp-intents';
import { verificationCodeActivities } from './verification-codes';
import { verificationOutcomeActivities } from './verification-outcome';
import { passkeyLinkActivities } from './passkey-links';
import { webauthnRegistrationActivities } from './webauthn-registration';
import { smsDeliveryActivities } from './sms-delivery';

export type { ActivityDeps } from './deps';

/** Builds every activity from its dependencies; the worker registers the result. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...verificationCodeActivities(deps),
    ...verificationOutcomeActivities(deps),
    ...codeDeliveryActivities(deps),
    ...totpRegistrationActivities(deps),
    ...idpIntentActivities(deps),
    ...webauthnRegistrationActivities(deps),
    ...passkeyLinkActivities(deps),
    ...smsDeliveryActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
