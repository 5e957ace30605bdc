import { decideConfirmReceipt } from './delivery-receipt';

describe('confirming receipt of a delivery', () => {
  const request = { tripId: 't1', facilityId: 'h1', at: '2026-12-03T08:00:00.000Z' };

  it('names what the driver recorded but did not arrive, and what arrived unrecorded', () => {
    const event = decideConfirmReceipt(
      { ...request, received: ['A', 'C', 'C'] },
      { recorded: true, delivered: ['A', 'B'] },
      false,
    );
    expect(event.data).toMatchObject({ received: ['A', 'C'], missing: ['B'], unexpected: ['C'] });
  });

  it('is refused before the delivery is recorded, and a second time', () => {
    expect(() =>
      decideConfirmReceipt(
        { ...request, received: ['A'] },
        { recorded: false, delivered: [] },
        false,
      ),
    ).toThrow(/no delivery recorded/);
    expect(() =>
      decideConfirmReceipt(
        { ...request, received: ['A'] },
        { recorded: true, delivered: ['A'] },
        true,
      ),
    ).toThrow(/already confirmed/);
  });
});
