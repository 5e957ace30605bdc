import { Autocomplete, Button, Card, FileButton, Stack, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router';
import type { SessionUser } from '../../auth/session';
import { enqueue } from '../outbox/outbox';
import { useCommands } from '../outbox/sync-engine';
import { ProofOfDelivery } from '../proof/ProofOfDelivery';
import { sha256Hex, shrinkPhoto, SignatureField } from '../proof/SignatureField';
import { facilityName, type FieldReference } from '../reference/reference-data';
import { ScanField } from '../scan/ScanField';
import { plannedText, ScanList } from './ScanList';
import { checkScan, type ScanVerdict, tripProgress } from './trip-progress';

/** A stop: scan what is handed over and taken back, who received it, their signature. */
export function StopScreen({
  user,
  reference,
  tripId,
  facilityId,
  onQueued,
}: {
  user: SessionUser;
  reference: FieldReference;
  tripId: string;
  facilityId: string;
  onQueued: () => void;
}) {
  const { t } = useTranslation();
  const commands = useCommands(user.id) ?? [];
  const [delivered, setDelivered] = useState<ScanVerdict[]>([]);
  const [collected, setCollected] = useState<ScanVerdict[]>([]);
  const [receivedBy, setReceivedBy] = useState('');
  const [signature, setSignature] = useState<Blob | null>(null);
  const [photo, setPhoto] = useState<Blob | null>(null);
  const [saving, setSaving] = useState(false);
  const onSignature = useCallback((blob: Blob | null) => setSignature(blob), []);
  const trip = reference.trips.find((candidate) => candidate.tripId === tripId);
  if (!trip) return <Text>{t('field.tripNotKept')}</Text>;
  const progress = tripProgress(trip, commands);
  const manifest = reference.manifests[tripId];
  const planned = manifest?.stops.find((stop) => stop.facilityId === facilityId);
  const served = progress.servedStops.get(facilityId);
  const context = { expected: reference.expected[tripId], progress, manifest };
  const name = facilityName(reference, facilityId);

  if (served) {
    return (
      <Stack>
        <Title order={2} size="h4">
          {name}
        </Title>
        <Text data-testid="stop-served">
          {served.queued ? t('field.stopQueued') : t('field.stopDone')} · {t('plans.deliver')}:{' '}
          {served.delivered.length} · {t('plans.collect')}: {served.collected.length}
        </Text>
        <ProofOfDelivery
          receivedBy={trip.stops.find((stop) => stop.facilityId === facilityId)?.receivedBy}
          proof={trip.stops.find((stop) => stop.facilityId === facilityId)?.proof}
        />
        <Button size="lg" variant="light" onClick={() => navigate(`/field/trips/${tripId}`)}>
          {t('field.backToTrip')}
        </Button>
      </Stack>
    );
  }

  const ready =
    delivered.length + collected.length > 0 && receivedBy.trim() !== '' && signature !== null;
  const confirm = async () => {
    setSaving(true);
    try {
      // the images go first, by their hash; the delivery cites the hashes
      const signatureSha256 = await sha256Hex(signature!);
      await enqueue({
        userId: user.id,
        method: 'PUT',
        path: `/delivery-proofs/${signatureSha256}?facilityId=${encodeURIComponent(facilityId)}`,
        blob: signature!,
        subject: { kind: 'proof-image', tripId, facilityId, role: 'signature' },
      });
      let photoSha256: string | undefined;
      if (photo) {
        photoSha256 = await sha256Hex(photo);
        await enqueue({
          userId: user.id,
          method: 'PUT',
          path: `/delivery-proofs/${photoSha256}?facilityId=${encodeURIComponent(facilityId)}`,
          blob: photo,
          subject: { kind: 'proof-image', tripId, facilityId, role: 'photo' },
        });
      }
      const body = {
        facilityId,
        delivered: delivered.map((scan) => scan.serial),
        collected: collected.map((scan) => scan.serial),
        receivedBy: receivedBy.trim(),
        proof: { signatureSha256, ...(photoSha256 ? { photoSha256 } : {}) },
      };
      await enqueue({
        userId: user.id,
        path: `/trips/${tripId}/deliveries`,
        json: body,
        subject: {
          kind: 'delivery',
          tripId,
          facilityId,
          delivered: body.delivered,
          collected: body.collected,
          receivedBy: body.receivedBy,
        },
      });
      onQueued();
      navigate(`/field/trips/${tripId}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="md" data-testid="stop-screen">
      <Title order={2} size="h4">
        {name}
      </Title>
      <Card withBorder data-testid="deliver-step">
        <Title order={3} size="h5">
          {t('plans.deliver')} ({delivered.length})
        </Title>
        {planned ? (
          <Text size="sm">
            {t('field.planned')}: {plannedText(planned.deliver)}
          </Text>
        ) : null}
        <ScanField
          label={t('field.scanToDeliver')}
          onScan={(serial) =>
            setDelivered((current) => [
              ...current,
              checkScan(
                { kind: 'deliver', facilityId },
                serial,
                current.map((s) => s.serial),
                context,
              ),
            ])
          }
        />
        <ScanList
          scans={delivered}
          onRemove={(serial) =>
            setDelivered((current) => current.filter((s) => s.serial !== serial))
          }
        />
      </Card>
      <Card withBorder data-testid="collect-step">
        <Title order={3} size="h5">
          {t('plans.collect')} ({collected.length})
        </Title>
        {planned ? (
          <Text size="sm">
            {t('field.planned')}: {plannedText(planned.collect)}
          </Text>
        ) : null}
        <ScanField
          label={t('field.scanToCollect')}
          onScan={(serial) =>
            setCollected((current) => [
              ...current,
              checkScan(
                { kind: 'collect', facilityId },
                serial,
                current.map((s) => s.serial),
                context,
              ),
            ])
          }
        />
        <ScanList
          scans={collected}
          onRemove={(serial) =>
            setCollected((current) => current.filter((s) => s.serial !== serial))
          }
        />
      </Card>
      <Card withBorder data-testid="proof-step">
        <Stack gap="sm">
          <Autocomplete
            size="lg"
            label={t('field.receivedBy')}
            data={reference.staff[facilityId] ?? []}
            value={receivedBy}
            onChange={setReceivedBy}
            data-testid="received-by"
          />
          <SignatureField onChange={onSignature} />
          <FileButton
            accept="image/*"
            capture="environment"
            onChange={async (file) => setPhoto(file ? await shrinkPhoto(file) : null)}
          >
            {(props) => (
              <Button size="md" variant="light" {...props}>
                {photo ? t('field.photoTaken') : t('field.takePhoto')}
              </Button>
            )}
          </FileButton>
        </Stack>
      </Card>
      <Button
        size="xl"
        fullWidth
        disabled={!ready}
        loading={saving}
        onClick={() => void confirm()}
        data-testid="confirm-delivery"
      >
        {t('field.confirmDelivery')}
      </Button>
      {!ready ? (
        <Text size="sm" c="dimmed">
          {t('field.deliveryNeeds')}
        </Text>
      ) : null}
    </Stack>
  );
}
