import { Autocomplete, Button, Card, FileButton, Stack, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router';
import type { SessionUser } from '../../auth/session';
import { useLanguage } from '../../i18n/use-language';
import { enqueue } from '../outbox/outbox';
import { useCommands } from '../outbox/sync-engine';
import { ProofOfDelivery } from '../proof/ProofOfDelivery';
import { sha256Hex, shrinkPhoto, SignatureField } from '../proof/SignatureField';
import { facilityName, type FieldReference } from '../reference/reference-data';
import { ScanField } from '../scan/ScanField';
import { ExpectedSerials } from './ExpectedSerials';
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
  const { language } = useLanguage();
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
      <ScanStep
        testId="deliver-step"
        title={t('plans.deliver')}
        label={t('field.scanToDeliver')}
        planned={planned ? plannedText(language, planned.deliver) : undefined}
        scans={delivered}
        expectedHere={[...progress.onBoard].map((serial) => ({
          serial,
          sizeCode: checkScan({ kind: 'unload' }, serial, [], context).sizeCode,
        }))}
        onChange={setDelivered}
        check={(serial, scanned) =>
          checkScan({ kind: 'deliver', facilityId }, serial, scanned, context)
        }
      />
      <ScanStep
        testId="collect-step"
        title={t('plans.collect')}
        label={t('field.scanToCollect')}
        planned={planned ? plannedText(language, planned.collect) : undefined}
        scans={collected}
        expectedHere={
          reference.expected[tripId]?.stops.find((stop) => stop.facilityId === facilityId)
            ?.empties ?? []
        }
        onChange={setCollected}
        check={(serial, scanned) =>
          checkScan({ kind: 'collect', facilityId }, serial, scanned, context)
        }
      />
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

/** One scanning step of a stop: what the manifest plans, the scan field, the scans checked. */
function ScanStep({
  testId,
  title,
  label,
  planned,
  scans,
  expectedHere,
  onChange,
  check,
}: {
  testId: string;
  title: string;
  label: string;
  planned?: string;
  scans: ScanVerdict[];
  expectedHere: { serial: string; sizeCode?: string }[];
  onChange: (update: (current: ScanVerdict[]) => ScanVerdict[]) => void;
  check: (serial: string, scanned: string[]) => ScanVerdict;
}) {
  const { t } = useTranslation();
  const add = (serial: string) =>
    onChange((current) => [
      ...current,
      check(
        serial,
        current.map((scan) => scan.serial),
      ),
    ]);
  return (
    <Card withBorder data-testid={testId}>
      <Title order={3} size="h5">
        {title} ({scans.length})
      </Title>
      {planned ? (
        <Text size="sm">
          {t('field.planned')}: {planned}
        </Text>
      ) : null}
      <ScanField label={label} onScan={add} />
      <ExpectedSerials
        cylinders={expectedHere}
        scanned={scans.map((scan) => scan.serial)}
        onPick={add}
      />
      <ScanList
        scans={scans}
        onRemove={(serial) => onChange((current) => current.filter((s) => s.serial !== serial))}
      />
    </Card>
  );
}
