import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import { getAllPages, getJson } from '../../api/client';
import type { components } from '../../api/schema';
import type { FacilityView, Page, TripView } from '../../api/views';
import type { SessionUser } from '../../auth/session';
import { fieldDb } from '../outbox/field-db';

export type ExpectedCylinders = components['schemas']['ExpectedCylindersView'];
export type CylinderRef = components['schemas']['ExpectedCylinderView'];

/** `GET /trips/{id}/manifest` (trips made from an approved plan): counts per size per stop. */
export interface TripManifest {
  tripId: string;
  departureAt: string;
  loadAtOrigin: Record<string, number>;
  stops: {
    sequence: number;
    facilityId: string;
    name: string;
    arrivalAt: string;
    deliver: Record<string, number>;
    collect: Record<string, number>;
  }[];
}

export interface HospitalCylinder {
  serial: string;
  sizeCode: string;
  status: string;
}

/** What a phone keeps to work a whole day without a network, per user. */
export interface FieldReference {
  trips: TripView[];
  expected: Record<string, ExpectedCylinders>;
  manifests: Record<string, TripManifest | null>;
  facilities: Record<string, { id: string; name: string; governorate?: string }>;
  staff: Record<string, string[]>;
  /** A storekeeper's own cylinders. */
  cylinders: HospitalCylinder[];
  /** A storekeeper's confirmations of deliveries. */
  receipts: DeliveryReceipt[];
}

export type DeliveryReceipt = components['schemas']['DeliveryReceiptView'];

const OPEN = ['PLANNED', 'LOADING', 'IN_PROGRESS'];

/** Reads everything the user's day needs and keeps it; offline, the kept copy is used. */
export async function refreshReference(user: SessionUser): Promise<FieldReference> {
  // every page: a stop at the 201st hospital must still show its name offline
  const allFacilities = await getAllPages((page, pageSize) =>
    getJson<Page<FacilityView>>('/facilities', { page, pageSize }),
  );
  const facilities: FieldReference['facilities'] = {};
  for (const facility of allFacilities) {
    facilities[facility.id] = {
      id: facility.id,
      name: facility.name,
      governorate: facility.governorate,
    };
  }
  const tripQuery =
    user.role === 'hospital' ? { facilityId: user.facilityId, pageSize: 50 } : { pageSize: 50 };
  const trips = (await getJson<Page<TripView>>('/trips', tripQuery)).items;
  const open = trips.filter((trip) => OPEN.includes(trip.status));
  const expected: FieldReference['expected'] = {};
  const manifests: FieldReference['manifests'] = {};
  const staff: FieldReference['staff'] = {};
  let cylinders: HospitalCylinder[] = [];
  let receipts: DeliveryReceipt[] = [];
  if (user.role === 'driver') {
    for (const trip of open) {
      expected[trip.tripId] = await getJson<ExpectedCylinders>(
        `/trips/${trip.tripId}/expected-cylinders`,
      );
      // only trips made from an approved plan have a manifest
      manifests[trip.tripId] = await getJson<TripManifest>(`/trips/${trip.tripId}/manifest`, {
        format: 'json',
      }).catch(() => null);
      for (const stop of trip.stops) {
        staff[stop.facilityId] ??= (
          await getJson<{ displayName: string }[]>(`/facilities/${stop.facilityId}/staff`).catch(
            () => [],
          )
        ).map((member) => member.displayName);
      }
    }
  }
  if (user.role === 'hospital' && user.facilityId) {
    const facilityId = user.facilityId;
    cylinders = await getAllPages((page, pageSize) =>
      getJson<Page<HospitalCylinder>>('/cylinders', { facilityId, page, pageSize }),
    );
    receipts = await getJson<DeliveryReceipt[]>('/reconciliation/receipts');
  }
  const reference: FieldReference = {
    trips,
    expected,
    manifests,
    facilities,
    staff,
    cylinders,
    receipts,
  };
  await fieldDb().cache.put({
    id: `${user.id}:reference`,
    userId: user.id,
    value: reference,
    savedAt: new Date().toISOString(),
  });
  return reference;
}

export function useReference(userId: string): { reference?: FieldReference; savedAt?: string } {
  const [state, setState] = useState<{ reference?: FieldReference; savedAt?: string }>({});
  useEffect(() => {
    const subscription = liveQuery(() => fieldDb().cache.get(`${userId}:reference`)).subscribe({
      next: (entry) =>
        setState({
          reference: entry?.value as FieldReference | undefined,
          savedAt: entry?.savedAt,
        }),
    });
    return () => subscription.unsubscribe();
  }, [userId]);
  return state;
}

export function facilityName(reference: FieldReference | undefined, id: string): string {
  return reference?.facilities[id]?.name ?? id;
}
