import { Group, NativeSelect, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getJson, postJson } from '../api/client';
import type { FacilityView, HospitalDemand } from '../api/views';
import { governorateName, governoratesByName } from '../i18n/governorates';
import { useLanguage } from '../i18n/use-language';
import { Loadable } from '../shared/Loadable';
import { useSaving } from '../shared/use-saving';
import {
  FACILITY_KINDS,
  type FacilityDraft,
  type FacilityKind,
  type FormProblem,
  facilityDraft,
  facilityRequest,
} from './facility-form';
import { CountFields, draftFields, NewIdField, SupplierField } from './FormFields';
import { FormShell } from './FormShell';

/** Editing a hospital starts from its beds as the api has them. */
export function FacilityEditor({
  facility,
  onDone,
}: {
  facility: FacilityView;
  onDone: () => void;
}) {
  const demand = useQuery({
    queryKey: ['demand', facility.id],
    queryFn: () => getJson<HospitalDemand>(`/hospitals/${encodeURIComponent(facility.id)}/demand`),
    enabled: facility.kind === 'hospital',
  });
  if (facility.kind !== 'hospital') return <FacilityForm facility={facility} onDone={onDone} />;
  return (
    <Loadable query={demand}>
      {(d) => <FacilityForm facility={facility} beds={d.beds} onDone={onDone} />}
    </Loadable>
  );
}

/**
 * A new facility (hospital, plant or depot), or changes to one: where it is, its receiving hours
 * and, for a plant or depot, its supplier; a hospital's beds are set with it.
 */
export function FacilityForm({
  facility,
  beds,
  onDone,
}: {
  facility?: FacilityView;
  beds?: HospitalDemand['beds'];
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const creating = facility === undefined;
  const [draft, setDraft] = useState<FacilityDraft>(() => facilityDraft(facility, beds));
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const save = useSaving(
    async (request: Extract<ReturnType<typeof facilityRequest>, { ok: true }>) => {
      const id = creating ? draft.id.trim() : facility.id;
      if (creating) await postJson('/admin/facilities', request.body);
      else await postJson(`/admin/facilities/${encodeURIComponent(id)}`, request.body, 'PATCH');
      if (request.beds)
        await postJson(`/hospitals/${encodeURIComponent(id)}/beds`, request.beds, 'PUT');
    },
    [['admin', 'facilities'], ['facilities'], ['demand'], ['supply']],
    () => {
      if (creating) setDraft(facilityDraft());
      onDone?.();
    },
  );
  const field = draftFields(draft, setDraft);
  return (
    <FormShell
      title={creating ? t('admin.newFacility') : t('admin.editFacility', { name: facility.name })}
      testId={creating ? 'new-facility-form' : 'edit-facility-form'}
      saving={save}
      problem={problem}
      onCancel={onDone}
      onSubmit={() => {
        const request = facilityRequest(draft, creating);
        setProblem(request.ok ? null : request.problem);
        if (request.ok) save.mutate(request);
      }}
    >
      <Group align="end">
        <NewIdField creating={creating} field={field('id')} />
        <TextInput {...field('name')} label={t('admin.name')} required miw={240} />
        <NativeSelect
          name="kind"
          label={t('admin.kind')}
          data={FACILITY_KINDS.map((kind) => ({ value: kind, label: t(`admin.kinds.${kind}`) }))}
          value={draft.kind}
          onChange={(event) =>
            setDraft({ ...draft, kind: event.currentTarget.value as FacilityKind })
          }
        />
        <NativeSelect
          {...field('governorate')}
          label={t('table.governorate')}
          data={governoratesByName(language).map((key) => ({
            value: key,
            label: governorateName(key, language),
          }))}
        />
      </Group>
      <Group align="end">
        <TextInput
          {...field('latitude')}
          label={t('admin.latitude')}
          inputMode="decimal"
          required
          w={130}
        />
        <TextInput
          {...field('longitude')}
          label={t('admin.longitude')}
          inputMode="decimal"
          required
          w={130}
        />
        <TextInput {...field('opens')} type="time" label={t('admin.opens')} w={130} />
        <TextInput {...field('closes')} type="time" label={t('admin.closes')} w={130} />
        {draft.kind !== 'hospital' && <SupplierField field={field('supplierId')} />}
      </Group>
      {draft.kind === 'hospital' && (
        <CountFields
          name="beds"
          keys={['general', 'icu', 'neonatal'] as const}
          counts={draft.beds}
          labelOf={(kind) => t('admin.bedsOf', { kind: t(`hospital.${kind}`) })}
          onChange={(beds) => setDraft({ ...draft, beds })}
          width={150}
        />
      )}
    </FormShell>
  );
}
