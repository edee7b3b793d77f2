export { verificationWorkflow } from './verification-workflow';
export { bareWorkflow } from './bare-workflow';
export { totpRegistrationWorkflow } from './totp-registration-workflow';
