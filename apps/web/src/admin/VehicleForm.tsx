import { Group, NativeSelect, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { postJson } from '../api/client';
import type { FacilityView, VehicleView } from '../api/views';
import { useSaving } from '../shared/use-saving';
import type { FormProblem } from './facility-form';
import { CountFields, draftFields, NewIdField, SupplierField } from './FormFields';
import { FormShell } from './FormShell';
import { type VehicleDraft, vehicleDraft, vehicleRequest } from './vehicle-form';

/**
 * A new truck, or changes to one: its plate, its supplier, the plant or depot it loads at, and
 * how many cylinders of each size it carries.
 */
export function VehicleForm({
  vehicle,
  depots,
  onDone,
}: {
  vehicle?: VehicleView;
  /** The plants and depots a truck may be based at. */
  depots: FacilityView[];
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const creating = vehicle === undefined;
  const [draft, setDraft] = useState<VehicleDraft>(() => {
    const initial = vehicleDraft(vehicle);
    if (creating && depots[0]) {
      initial.depotFacilityId = depots[0].id;
      initial.supplierId = depots[0].supplierId ?? '';
    }
    return initial;
  });
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const save = useSaving(
    (body: Record<string, unknown>) =>
      creating
        ? postJson('/admin/vehicles', body)
        : postJson(`/admin/vehicles/${encodeURIComponent(vehicle.id)}`, body, 'PATCH'),
    [['admin', 'vehicles'], ['vehicles']],
    () => {
      if (creating) setDraft({ ...vehicleDraft(), depotFacilityId: draft.depotFacilityId });
      onDone?.();
    },
  );
  const field = draftFields(draft, setDraft);
  return (
    <FormShell
      title={
        creating
          ? t('admin.newVehicle')
          : t('admin.editVehicle', { name: vehicle.registrationPlate })
      }
      testId={creating ? 'new-vehicle-form' : 'edit-vehicle-form'}
      saving={save}
      problem={problem}
      onCancel={onDone}
      onSubmit={() => {
        const request = vehicleRequest(draft, creating);
        setProblem(request.ok ? null : request.problem);
        if (request.ok) save.mutate(request.body);
      }}
    >
      <Group align="end">
        <NewIdField creating={creating} field={field('id')} />
        <TextInput {...field('registrationPlate')} label={t('admin.plate')} required />
        <NativeSelect
          name="depotFacilityId"
          label={t('admin.homePlant')}
          data={depots.map((depot) => ({ value: depot.id, label: depot.name }))}
          value={draft.depotFacilityId}
          onChange={(event) => {
            const depot = depots.find((d) => d.id === event.currentTarget.value);
            setDraft({
              ...draft,
              depotFacilityId: event.currentTarget.value,
              // a plant's own trucks, unless the admin typed another supplier
              supplierId:
                draft.supplierId === '' || depots.some((d) => d.supplierId === draft.supplierId)
                  ? (depot?.supplierId ?? draft.supplierId)
                  : draft.supplierId,
            });
          }}
        />
        <SupplierField field={field('supplierId')} />
      </Group>
      <CountFields
        name="capacity"
        keys={Object.keys(draft.capacity)}
        counts={draft.capacity}
        labelOf={(size) => t('admin.capacityOf', { size })}
        onChange={(capacity) => setDraft({ ...draft, capacity })}
        width={170}
      />
    </FormShell>
  );
}
