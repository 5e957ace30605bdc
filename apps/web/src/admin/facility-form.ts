import type { FacilityView } from '../api/views';

export const FACILITY_KINDS = ['hospital', 'producer', 'depot'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];
const BED_KINDS = ['general', 'icu', 'neonatal'] as const;

/** The facility form as typed: every field a string until it is sent. */
export interface FacilityDraft {
  id: string;
  kind: FacilityKind;
  name: string;
  governorate: string;
  latitude: string;
  longitude: string;
  supplierId: string;
  opens: string;
  closes: string;
  beds: Record<(typeof BED_KINDS)[number], string>;
}

export function facilityDraft(
  facility?: FacilityView,
  beds?: { general: number; icu: number; neonatal: number } | null,
): FacilityDraft {
  return {
    id: facility?.id ?? '',
    kind: facility?.kind ?? 'hospital',
    name: facility?.name ?? '',
    governorate: facility?.governorate ?? 'Baghdad',
    latitude: facility ? String(facility.latitude) : '',
    longitude: facility ? String(facility.longitude) : '',
    supplierId: facility?.supplierId ?? '',
    opens: facility?.receivingHours?.opens ?? '',
    closes: facility?.receivingHours?.closes ?? '',
    beds: {
      general: beds ? String(beds.general) : '',
      icu: beds ? String(beds.icu) : '',
      neonatal: beds ? String(beds.neonatal) : '',
    },
  };
}

/** The rules the form checks before sending (the api checks the rest); words in `admin.rules`. */
export type FormRule =
  | 'latitudeRange'
  | 'longitudeRange'
  | 'hoursPair'
  | 'supplierRequired'
  | 'wholeNumber'
  | 'capacityNeeded';

export interface FormProblem {
  field: string;
  rule: FormRule;
}

export type FacilityRequest =
  | {
      ok: true;
      body: Record<string, unknown>;
      /** Beds to set after saving, for a hospital whose beds were typed. */
      beds: { general: number; icu: number; neonatal: number } | null;
    }
  | { ok: false; problem: FormProblem };

const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/**
 * The body of `POST /admin/facilities` (with the id) or `PATCH /admin/facilities/{id}` (without):
 * a hospital has no supplier; receiving hours are both times or none.
 */
export function facilityRequest(draft: FacilityDraft, creating: boolean): FacilityRequest {
  const latitude = number(draft.latitude);
  const longitude = number(draft.longitude);
  if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90)
    return { ok: false, problem: { field: 'latitude', rule: 'latitudeRange' } };
  if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180)
    return { ok: false, problem: { field: 'longitude', rule: 'longitudeRange' } };
  const opens = draft.opens.trim();
  const closes = draft.closes.trim();
  if ((opens === '') !== (closes === ''))
    return { ok: false, problem: { field: 'receivingHours', rule: 'hoursPair' } };
  const hospital = draft.kind === 'hospital';
  if (!hospital && draft.supplierId.trim() === '')
    return { ok: false, problem: { field: 'supplierId', rule: 'supplierRequired' } };
  let beds: { general: number; icu: number; neonatal: number } | null = null;
  const typed = BED_KINDS.filter((kind) => draft.beds[kind].trim() !== '');
  if (hospital && typed.length > 0) {
    beds = { general: 0, icu: 0, neonatal: 0 };
    for (const kind of BED_KINDS) {
      const count = draft.beds[kind].trim() === '' ? 0 : Number(draft.beds[kind]);
      if (!Number.isInteger(count) || count < 0)
        return { ok: false, problem: { field: `beds.${kind}`, rule: 'wholeNumber' } };
      beds[kind] = count;
    }
  }
  const body: Record<string, unknown> = {
    ...(creating ? { id: draft.id.trim() } : {}),
    kind: draft.kind,
    name: draft.name.trim(),
    governorate: draft.governorate,
    latitude,
    longitude,
    receivingHours: opens === '' ? null : { opens, closes },
    supplierId: hospital ? null : draft.supplierId.trim(),
  };
  return { ok: true, body, beds };
}
