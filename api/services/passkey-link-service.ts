/**
 * CreatePasskeyRegistrationLink (contract operation 13): a short workflow makes the code and
 * answers with it (`returnCode`) or mails the link (`sendLink`, the default).
 */
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { Errors, FlowgateError } from '../../common/errors';
import { FlowKindAttribute, FlowStateAttribute, UserIdAttribute } from '../../common/flows';
import { isValidUrlTemplate } from '../../common/url-template';
import type { CodeDelivery } from '../../common/verification-messages';
import { issueLinkUpdate, type PasskeyLinkResult } from '../../common/webauthn-messages';
import { newId } from '../../infra/ids';
import { findUser } from '../../store/users-store';
import type { passkeyLinkWorkflow } from '../../workflows/passkey-link-workflow';
import type { ApiDeps } from '../deps';
import type { CreatePasskeyLinkRequest } from '../schemas/webauthn-schemas';
import { withinCallTimeout } from './verification-client';

export const PASSKEY_LINK_TEMPLATE_FIELDS = ['UserID', 'OrgID', 'CodeID', 'Code'] as const;

const KIND = 'passkey-link';

export async function createPasskeyRegistrationLink(
  deps: ApiDeps,
  request: CreatePasskeyLinkRequest,
): Promise<PasskeyLinkResult> {
  const template = request.sendLink?.urlTemplate;
  if (template !== undefined && !isValidUrlTemplate(template, PASSKEY_LINK_TEMPLATE_FIELDS)) {
    throw new FlowgateError(Errors.invalidUrlTemplate);
  }
  const user = await findUser(deps.db, request.userId);
  if (!user) {
    throw new FlowgateError(Errors.userNotFound);
  }

  const codeId = newId();
  const delivery: CodeDelivery = request.returnCode
    ? { type: 'return' }
    : { type: 'send', urlTemplate: template };
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof passkeyLinkWorkflow>(
    'passkeyLinkWorkflow',
    {
      workflowId: `${KIND}:${user.id}:${randomUUID()}`,
      taskQueue: deps.config.temporal.taskQueue,
      workflowIdConflictPolicy: 'FAIL',
      args: [
        {
          codeId,
          userId: user.id,
          orgId: user.org_id,
          ttlMs: deps.config.webauthn.passkeyLinkTtlMs,
          delivery,
        },
      ],
      typedSearchAttributes: [
        { key: UserIdAttribute, value: user.id },
        { key: FlowKindAttribute, value: KIND },
        { key: FlowStateAttribute, value: 'pending' },
      ],
      staticSummary: `Passkey registration link for user ${user.id}`,
    },
  );

  return withinCallTimeout(deps, () =>
    deps.temporal.workflow.executeUpdateWithStart(issueLinkUpdate, {
      args: [],
      startWorkflowOperation,
    }),
  );
}
