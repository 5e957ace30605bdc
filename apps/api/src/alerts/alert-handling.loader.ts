import {
  type AlertHandling,
  alertStreamName,
  evolveAlert,
  initialAlertHandling,
  isAlertEvent,
} from '@oxyledger/domain';
import type { LedgerStore } from '@oxyledger/ledger';

export function loadAlertHandling(
  ledger: LedgerStore,
  alertId: string,
): Promise<{ state: AlertHandling; revision: number | undefined }> {
  return ledger.loadAggregate(
    alertStreamName(alertId),
    isAlertEvent,
    evolveAlert,
    initialAlertHandling(),
  );
}
