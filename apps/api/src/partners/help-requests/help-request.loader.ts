import {
  helpRequestStreamName,
  type HelpRequestState,
  evolveHelpRequest,
  isHelpRequestEvent,
} from '@oxyledger/domain';
import type { LedgerStore } from '../../ledger/ledger-store';

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
