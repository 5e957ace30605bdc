import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { cylinderEventName, tripStatusColumn, tripStatusName } from './event-names';

describe("events and trips named in the reader's language", () => {
  it.each([
    ['en', 'Delivered', 'On the road'],
    ['ar', 'سُلّمت', 'في الطريق'],
    ['ckb', 'گەیەنرا', 'لە ڕێگادا'],
  ])('names a delivery and a trip on the road in %s', (language, delivered, onTheRoad) => {
    const t = i18n.getFixedT(language);
    expect(cylinderEventName(t, 'CylinderDelivered')).toBe(delivered);
    expect(tripStatusName(t, 'IN_PROGRESS')).toBe(onTheRoad);
  });

  it('shows an event or status it has no name for as the api gives it', () => {
    const t = i18n.getFixedT('ar');
    expect(cylinderEventName(t, 'CylinderRelabelled')).toBe('CylinderRelabelled');
    expect(tripStatusName(t, 'PAUSED')).toBe('PAUSED');
  });

  it("exports the api's status in a trip table's CSV while showing its name", () => {
    const column = tripStatusColumn<{ status: string }>(i18n.getFixedT('ar'));
    expect(column.value({ status: 'IN_PROGRESS' })).toBe('IN_PROGRESS');
    expect(column.render!({ status: 'IN_PROGRESS' })).toBe('في الطريق');
  });
});
