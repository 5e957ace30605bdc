import { Group, NumberInput, Paper, Stack, Button, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { postJson } from '../api/client';
import type { Plant } from '../api/views';
import { useSaving } from '../shared/use-saving';
import { MutationNote } from './HospitalPage';

const SIZES = ['D', 'E', 'F', 'J'] as const;

export interface PlantCapacityDraft {
  outputCubicMetresPerHour: number;
  hoursPerDay: number;
  /** Most cylinders of a size the filling line fills a day, as typed; blank: no cap. */
  fillLimitsPerDay: Record<string, string>;
}

export function plantCapacityDraft(plant: Pick<Plant, 'capacity'>): PlantCapacityDraft {
  const limits: Record<string, string> = {};
  for (const size of SIZES) limits[size] = '';
  for (const [size, count] of Object.entries(plant.capacity?.fillLimitsPerDay ?? {}))
    limits[size] = String(count);
  return {
    outputCubicMetresPerHour: plant.capacity?.outputCubicMetresPerHour ?? 50,
    hoursPerDay: plant.capacity?.hoursPerDay ?? 20,
    fillLimitsPerDay: limits,
  };
}

/**
 * The body of `PUT /plants/{id}/capacity`; a blank limit is no cap. `null` and the field when a
 * typed limit is not a whole number of 1 or more.
 */
export function plantCapacityBody(
  draft: PlantCapacityDraft,
): { body: Record<string, unknown> } | { field: string } {
  const fillLimitsPerDay: Record<string, number> = {};
  for (const [size, text] of Object.entries(draft.fillLimitsPerDay)) {
    if (text.trim() === '') continue;
    const count = Number(text);
    if (!Number.isInteger(count) || count < 1) return { field: `fillLimitsPerDay.${size}` };
    fillLimitsPerDay[size] = count;
  }
  return {
    body: {
      outputCubicMetresPerHour: draft.outputCubicMetresPerHour,
      hoursPerDay: draft.hoursPerDay,
      fillLimitsPerDay,
    },
  };
}

/** The plant's output and operating hours, and the filling line's daily limit per size. */
export function PlantCapacityForm({ plant }: { plant: Plant }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => plantCapacityDraft(plant));
  const [badField, setBadField] = useState<string | null>(null);
  const save = useSaving(
    (body: Record<string, unknown>) =>
      postJson(`/plants/${encodeURIComponent(plant.facilityId)}/capacity`, body, 'PUT'),
    [['plants']],
  );
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      data-testid="plant-capacity-form"
      aria-label={t('producer.capacity')}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        const request = plantCapacityBody(draft);
        setBadField('field' in request ? request.field : null);
        if ('body' in request) save.mutate(request.body);
      }}
    >
      <Title order={3}>{t('producer.capacity')}</Title>
      <Stack gap="xs">
        <Group align="end">
          <NumberInput
            name="outputCubicMetresPerHour"
            label={t('producer.output')}
            value={draft.outputCubicMetresPerHour}
            onChange={(v) => setDraft({ ...draft, outputCubicMetresPerHour: Number(v) })}
            min={0.001}
            max={100_000}
            decimalScale={3}
            w={170}
            required
          />
          <NumberInput
            name="hoursPerDay"
            label={t('producer.hoursPerDay')}
            value={draft.hoursPerDay}
            onChange={(v) => setDraft({ ...draft, hoursPerDay: Number(v) })}
            min={0.1}
            max={24}
            decimalScale={1}
            w={170}
            required
          />
        </Group>
        <Group align="end">
          {Object.keys(draft.fillLimitsPerDay).map((size) => (
            <TextInput
              key={size}
              name={`fillLimitsPerDay.${size}`}
              label={t('producer.fillLimit', { size })}
              inputMode="numeric"
              value={draft.fillLimitsPerDay[size]}
              onChange={(e) =>
                setDraft({
                  ...draft,
                  fillLimitsPerDay: { ...draft.fillLimitsPerDay, [size]: e.currentTarget.value },
                })
              }
              w={150}
            />
          ))}
        </Group>
        <Text size="xs" c="dimmed">
          {t('producer.fillLimitHint')}
        </Text>
        <Button type="submit" loading={save.isPending}>
          {t('hospital.save')}
        </Button>
        {badField ? (
          <Text c="red" size="sm" role="alert">
            {t('admin.problem', { field: badField, rule: t('producer.wholeLimit') })}
          </Text>
        ) : (
          <MutationNote mutation={save} />
        )}
      </Stack>
    </Paper>
  );
}
