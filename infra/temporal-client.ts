import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Config } from '../config/config';
import { FLOW_SEARCH_ATTRIBUTES } from '../common/flows';
import { dataConverterFor } from './payload-codec';
import { temporal } from '@temporalio/proto';

/** A client whose payloads go through the deployment's encrypting codec. */
export async function connectClient(config: Config, address: string): Promise<Client> {
  const connection = await Connection.connect({ address });
  return new Client({
    connection,
    namespace: config.temporal.namespace,
    dataConverter: dataConverterFor(config.payloadKeys),
  });
}

export function connectWorkerConnection(address: string): Promise<NativeConnection> {
  return NativeConnection.connect({ address });
}

/**
 * Registers the custom search attributes (UserId, FlowKind, FlowState as Keyword) on a server
 * the project did not start itself; the dev server gets them on its command line.
 */
export async function ensureSearchAttributes(client: Client, namespace: string): Promise<void> {
  const { customAttributes } = await client.connection.operatorService.listSearchAttributes({
    namespace,
  });
  const existing = new Set(Object.keys(customAttributes ?? {}));
  const missing = FLOW_SEARCH_ATTRIBUTES.filter((attr) => !existing.has(attr.name));
  if (missing.length === 0) {
    return;
  }

  const keyword = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
  await client.connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((attr) => [attr.name, keyword])),
  });
}

/** Whether the Temporal frontend answers within `timeoutMs`. */
export async function temporalIsReachable(client: Client, timeoutMs = 2000): Promise<boolean> {
  try {
    await client.connection.withDeadline(Date.now() + timeoutMs, () =>
      client.connection.workflowService.getSystemInfo({}),
    );
    return true;
  } catch {
    return false;
  }
}
