export { verificationWorkflow } from './verification-workflow';
export { bareWorkflow } from './bare-workflow';
export { idpIntentWorkflow } from './idp-intent-workflow';
