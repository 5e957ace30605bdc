import { decideAlert, evolveAlert, initialAlertHandling, type AlertEvent } from './alert';

const alertId = 'supply:basra-general:critical';
const at = '2026-11-26T09:00:00Z';
const given = (...events: AlertEvent[]) => events.reduce(evolveAlert, initialAlertHandling());

describe('alert handling', () => {
  it('is acknowledged once, then resolved with a note', () => {
    const acknowledged = decideAlert({ type: 'AcknowledgeAlert', data: { alertId, at } }, given());
    expect(acknowledged).toEqual([
      { type: 'AlertAcknowledged', version: 1, data: { alertId, note: null, at } },
    ]);
    expect(
      decideAlert({ type: 'AcknowledgeAlert', data: { alertId, at } }, given(...acknowledged)),
    ).toEqual([]);
    const resolved = decideAlert(
      { type: 'ResolveAlert', data: { alertId, note: 'Truck sent', at } },
      given(...acknowledged),
    );
    expect(given(...acknowledged, ...resolved)).toEqual({
      acknowledgedAt: at,
      resolvedAt: at,
      note: 'Truck sent',
    });
  });

  it('needs a note to resolve and a well-formed id', () => {
    expect(() =>
      decideAlert({ type: 'ResolveAlert', data: { alertId, note: ' ', at } }, given()),
    ).toThrow(/note/);
    expect(() =>
      decideAlert({ type: 'AcknowledgeAlert', data: { alertId: 'no id', at } }, given()),
    ).toThrow(/alertId/);
  });
});
