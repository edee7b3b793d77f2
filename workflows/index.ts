export { verificationWorkflow } from './verification-workflow';
export { bareWorkflow } from './bare-workflow';
