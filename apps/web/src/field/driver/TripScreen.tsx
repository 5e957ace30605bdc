import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import type { SessionUser } from '../../auth/session';
import { formatDateTime } from '../../i18n/format';
import { useLanguage } from '../../i18n/use-language';
import { enqueue } from '../outbox/outbox';
import { useCommands } from '../outbox/sync-engine';
import { facilityName, type FieldReference } from '../reference/reference-data';
import { ScanField } from '../scan/ScanField';
import { countBySize, plannedText, ScanList } from './ScanList';
import { checkScan, type ScanVerdict, tripProgress } from './trip-progress';
import { ExpectedSerials } from './ExpectedSerials';
import { UnloadStep } from './UnloadStep';

/** One trip: load at the plant, the stops in order, unload by scanning and complete. */
export function TripScreen({
  user,
  reference,
  tripId,
  onQueued,
}: {
  user: SessionUser;
  reference: FieldReference;
  tripId: string;
  onQueued: () => void;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const commands = useCommands(user.id) ?? [];
  const [scans, setScans] = useState<ScanVerdict[]>([]);
  const trip = reference.trips.find((candidate) => candidate.tripId === tripId);
  if (!trip) return <Text>{t('field.tripNotKept')}</Text>;
  const progress = tripProgress(trip, commands);
  const manifest = reference.manifests[tripId];
  const expected = reference.expected[tripId];
  const allServed = trip.stops.every((stop) => progress.servedStops.has(stop.facilityId));

  const addLoad = (serial: string) =>
    setScans((current) => [
      ...current,
      checkScan(
        { kind: 'load' },
        serial,
        current.map((scan) => scan.serial),
        { expected, progress, manifest },
      ),
    ]);
  const queueLoad = async () => {
    const serials = scans.map((scan) => scan.serial);
    await enqueue({
      userId: user.id,
      path: `/trips/${tripId}/load`,
      json: { serials },
      subject: { kind: 'load', tripId, serials },
    });
    setScans([]);
    onQueued();
  };
  const queueUnload = async (serials: string[]) => {
    await enqueue({
      userId: user.id,
      path: `/trips/${tripId}/unload`,
      json: { facilityId: trip.originId, serials },
      subject: { kind: 'unload', tripId, facilityId: trip.originId, serials },
    });
    onQueued();
  };
  const queueComplete = async () => {
    await enqueue({
      userId: user.id,
      path: `/trips/${tripId}/complete`,
      json: {},
      subject: { kind: 'complete', tripId },
    });
    onQueued();
  };

  return (
    <Stack gap="md" data-testid="trip-screen">
      <Title order={2} size="h4">
        {facilityName(reference, trip.originId)} · {trip.vehicleId}
      </Title>
      {manifest ? (
        <Text size="sm">
          {t('field.departs', { at: formatDateTime(language, manifest.departureAt) })}
        </Text>
      ) : null}

      {!progress.completed && progress.servedStops.size === 0 ? (
        <Card withBorder data-testid="load-step">
          <Title order={3} size="h5">
            {t('field.load')} ({t('field.onBoardCount', { count: progress.loaded.size })})
          </Title>
          {manifest ? (
            <Text size="sm">
              {t('field.planned')}: {plannedText(language, manifest.loadAtOrigin)}
            </Text>
          ) : null}
          <ScanField label={t('field.scanToLoad')} onScan={addLoad} />
          <ExpectedSerials
            cylinders={expected?.atOrigin ?? []}
            scanned={[...progress.loaded, ...scans.map((scan) => scan.serial)]}
            onPick={addLoad}
          />
          <ScanList
            scans={scans}
            onRemove={(serial) => setScans((current) => current.filter((s) => s.serial !== serial))}
          />
          {scans.length > 0 ? (
            <Button
              size="lg"
              mt="sm"
              fullWidth
              onClick={() => void queueLoad()}
              data-testid="confirm-load"
            >
              {t('field.confirmLoad', { what: countBySize(language, scans) })}
            </Button>
          ) : null}
        </Card>
      ) : null}

      <Stack gap="xs">
        {trip.stops.map((stop, index) => {
          const served = progress.servedStops.get(stop.facilityId);
          const planned = manifest?.stops.find((s) => s.facilityId === stop.facilityId);
          return (
            <Card
              key={stop.facilityId}
              withBorder
              component={Link}
              to={`/field/trips/${tripId}/stops/${stop.facilityId}`}
              data-testid="stop"
              data-stop={stop.facilityId}
              data-served={Boolean(served)}
            >
              <Group justify="space-between" wrap="nowrap">
                <Text fw={700}>
                  {index + 1}. {facilityName(reference, stop.facilityId)}
                </Text>
                {served ? (
                  <Badge
                    color={served.queued ? 'yellow.8' : 'green.9'}
                    variant="filled"
                    tt="none"
                    style={{ flexShrink: 0 }}
                  >
                    {served.queued ? t('field.queued') : t('field.done')}
                  </Badge>
                ) : null}
              </Group>
              {planned ? (
                <Text size="sm">
                  {formatDateTime(language, planned.arrivalAt)} · {t('plans.deliver')}:{' '}
                  {plannedText(language, planned.deliver)} · {t('plans.collect')}:{' '}
                  {plannedText(language, planned.collect)}
                </Text>
              ) : null}
            </Card>
          );
        })}
      </Stack>

      {allServed && !progress.completed && progress.onBoard.size > 0 ? (
        <UnloadStep
          place={facilityName(reference, trip.originId)}
          progress={progress}
          expected={expected}
          onUnload={queueUnload}
        />
      ) : null}
      {allServed && !progress.completed && progress.onBoard.size === 0 ? (
        <Button size="lg" onClick={() => void queueComplete()} data-testid="complete">
          {t('field.complete')}
        </Button>
      ) : null}
      {progress.completed ? <Badge size="lg">{t('tripStatus.COMPLETED')}</Badge> : null}
    </Stack>
  );
}
