export { verificationWorkflow } from './verification-workflow';
export { bareWorkflow } from './bare-workflow';
export { webauthnRegistrationWorkflow } from './webauthn-registration-workflow';
export { passkeyLinkWorkflow } from './passkey-link-workflow';
