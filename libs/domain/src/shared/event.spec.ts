import { CylinderFilled, CylinderEventType } from '../cylinder/cylinder.events';
import { DOMAIN_EVENT_VERSIONS, DomainEvent, upcastDomainEvent } from '../domain-events';
import { history } from '../testing/factories';
import {
  defineUpcaster,
  UnknownEventType,
  UnsupportedEventVersion,
  UpcasterRegistry,
} from './event';

/** An imaginary early schema of CylinderFilled, before v1: purity as a fraction, pressure in psi. */
interface CylinderFilledV0 {
  serial: string;
  plant: string;
  lotNumber: string;
  purity: number;
  pressurePsi: number;
  operator: string;
  filledAt: string;
}

const filledV0ToV1 = defineUpcaster<CylinderFilledV0, CylinderFilled['data']>({
  type: CylinderEventType.Filled,
  fromVersion: 0,
  toVersion: 1,
  upcast: (v0) => ({
    serial: v0.serial,
    plantId: v0.plant,
    manifoldId: null,
    lot: v0.lotNumber,
    purityPercent: Math.round(v0.purity * 1000) / 10,
    pressureBar: Math.round(v0.pressurePsi * 0.0689476),
    operatorId: v0.operator,
    at: v0.filledAt,
  }),
});

describe('upcasting', () => {
  const registry = new UpcasterRegistry<DomainEvent>(DOMAIN_EVENT_VERSIONS, [filledV0ToV1]);

  it('reads a v0 CylinderFilled as today’s v1', () => {
    const raw = {
      type: 'CylinderFilled',
      version: 0,
      data: {
        serial: 'OX-9',
        plant: 'plant-basra',
        lotNumber: 'L-1',
        purity: 0.995,
        pressurePsi: 1987,
        operator: 'op-1',
        filledAt: '2021-05-01T10:00:00Z',
      },
    };
    expect(registry.upcast(raw)).toEqual({
      type: 'CylinderFilled',
      version: 1,
      data: {
        serial: 'OX-9',
        plantId: 'plant-basra',
        manifoldId: null,
        lot: 'L-1',
        purityPercent: 99.5,
        pressureBar: 137,
        operatorId: 'op-1',
        at: '2021-05-01T10:00:00Z',
      },
    });
  });

  it('passes current events through unchanged, e.g. after a JSON round trip through the ledger', () => {
    for (const event of history.condemned()) {
      expect(upcastDomainEvent(JSON.parse(JSON.stringify(event)))).toEqual(event);
    }
  });

  it('chains steps up to the current version', () => {
    const chained = new UpcasterRegistry<never>({ Thing: 3 }, [
      {
        type: 'Thing',
        fromVersion: 2,
        toVersion: 3,
        upcast: (data) => ({ ...(data as object), c: true }),
      },
      {
        type: 'Thing',
        fromVersion: 1,
        toVersion: 2,
        upcast: (data) => ({ ...(data as object), b: true }),
      },
    ]);
    expect(chained.upcast({ type: 'Thing', version: 1, data: { a: true } })).toEqual({
      type: 'Thing',
      version: 3,
      data: { a: true, b: true, c: true },
    });
  });

  it('refuses an unknown type, a version with no upcaster, and a version from a newer release', () => {
    expect(() => upcastDomainEvent({ type: 'CylinderTeleported', version: 1, data: {} })).toThrow(
      UnknownEventType,
    );
    expect(() => upcastDomainEvent({ type: 'toString', version: 1, data: {} })).toThrow(
      UnknownEventType,
    );
    expect(() => upcastDomainEvent({ type: 'CylinderFilled', version: 0, data: {} })).toThrow(
      UnsupportedEventVersion,
    );
    expect(() => upcastDomainEvent({ type: 'CylinderFilled', version: 2, data: {} })).toThrow(
      /newer release/,
    );
  });

  it('refuses upcasters that would go backwards, past the current version, or twice from one version', () => {
    const step = (fromVersion: number, toVersion: number) => ({
      type: 'Thing',
      fromVersion,
      toVersion,
      upcast: (d: unknown) => d,
    });
    expect(() => new UpcasterRegistry({ Thing: 2 }, [step(1, 1)])).toThrow(/forward/);
    expect(() => new UpcasterRegistry({ Thing: 2 }, [step(1, 3)])).toThrow(/forward/);
    expect(() => new UpcasterRegistry({ Thing: 2 }, [step(1, 2), step(1, 2)])).toThrow(
      /Two upcasters/,
    );
    expect(() => new UpcasterRegistry({ Thing: 2 }, [{ ...step(1, 2), type: 'Other' }])).toThrow(
      /unknown event type/,
    );
  });
});
