import { codeDeliveryActivities } from './code-delivery';
import type { ActivityDeps } from './deps';
import { totpRegistrationActivities } from './totp-registration';
import { verificationCodeActivities } from './verification-codes';
import { verificationOutcomeActivities } from './verification-outcome';

export type { ActivityDeps } from './deps';

/** Builds every activity from its dependencies; the worker registers the result. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...verificationCodeActivities(deps),
    ...verificationOutcomeActivities(deps),
    ...codeDeliveryActivities(deps),
    ...totpRegistrationActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
