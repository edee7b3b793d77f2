export { verificationWorkflow } from './verification-workflow';
export { bareWorkflow } from './bare-workflow';
export { totpRegistrationWorkflow } from './totp-registration-workflow';
export { idpIntentWorkflow } from './idp-intent-workflow';
export { webauthnRegistrationWorkflow } from './webauthn-registration-workflow';
export { passkeyLinkWorkflow } from './passkey-link-workflow';
