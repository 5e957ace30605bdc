import { type LotRecall, summarizeLotRecall } from '@oxyledger/domain';
import type { Facility } from '@oxyledger/network';

/**
 * What a recall found, per cylinder and in figures, with facilities by name: where each of the
 * lot's cylinders was when the recall reached it, which hospitals received the lot, and how many
 * were put in use or emptied (possible patient exposure).
 */
export function lotRecallReport(recall: LotRecall, facilities: ReadonlyMap<string, Facility>) {
  const nameOf = (id: string) => facilities.get(id)?.name ?? id;
  const summary = summarizeLotRecall(recall);
  return {
    lot: recall.lot,
    reason: recall.reason,
    startedAt: recall.startedAt,
    completedAt: recall.completedAt,
    status: recall.completedAt === null ? 'in-progress' : 'completed',
    ...summary,
    hospitalsReceived: summary.hospitalsReceived.map((id) => ({
      facilityId: id,
      name: nameOf(id),
    })),
    cylinders: recall.results.map((result) => ({
      serial: result.serial,
      outcome: result.outcome,
      statusWhenRecalled: result.status,
      location:
        result.location === null
          ? null
          : result.location.kind === 'trip'
            ? { kind: 'trip', tripId: result.location.id }
            : {
                kind: 'facility',
                facilityId: result.location.id,
                name: nameOf(result.location.id),
              },
      deliveredTo: result.deliveredTo.map((id) => ({ facilityId: id, name: nameOf(id) })),
      possiblyExposed: result.exposed,
    })),
    cylinderCount: summary.cylinders,
  };
}
