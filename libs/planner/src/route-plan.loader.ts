import {
  evolveRoutePlan,
  initialRoutePlanState,
  isRoutePlanEvent,
  routePlanStreamName,
} from '@oxyledger/domain';
import type { LedgerStore } from '@oxyledger/ledger';

/** A route plan's state from its stream, and what an append after it must expect. */
export async function loadRoutePlan(ledger: LedgerStore, planId: string) {
  const streamName = routePlanStreamName(planId);
  const { state, revision } = await ledger.loadAggregate(
    streamName,
    isRoutePlanEvent,
    evolveRoutePlan,
    initialRoutePlanState(),
  );
  return { streamName, state, revisions: new Map([[streamName, revision]]) };
}
