import {
  helpRequestStreamName,
  type HelpRequestState,
  evolveHelpRequest,
  isHelpRequestEvent,
} from '@oxyledger/domain';
import type { LedgerStore } from '@oxyledger/ledger';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Request ids are UUIDs chosen by the api: anything else names no request (404). */
export function isHelpRequestId(value: string): boolean {
  return UUID.test(value);
}

export function loadHelpRequest(
  ledger: LedgerStore,
  requestId: string,
): Promise<{ state: HelpRequestState; revision: number | undefined }> {
  return ledger.loadAggregate(
    helpRequestStreamName(requestId),
    isHelpRequestEvent,
    evolveHelpRequest,
    null as HelpRequestState,
  );
}
