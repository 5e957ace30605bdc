import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../auth/session';
import { formatDateTime } from '../../i18n/format';
import { useLanguage } from '../../i18n/use-language';
import type { CylinderAction } from '../outbox/field-db';
import { enqueue } from '../outbox/outbox';
import { facilityName, type FieldReference } from '../reference/reference-data';
import { ScanField } from '../scan/ScanField';
import { useCommands } from '../outbox/sync-engine';
import { ConfirmReceipt } from './ConfirmReceipt';
import { ProofOfDelivery } from '../proof/ProofOfDelivery';

const ACTIONS: CylinderAction[] = ['in-use', 'empty', 'quarantine', 'lost'];

/** Which states each action starts from (what the ledger will accept). */
const FROM: Record<CylinderAction, string[]> = {
  'in-use': ['FULL'],
  empty: ['IN_USE', 'FULL'],
  quarantine: ['FULL', 'EMPTY', 'IN_USE'],
  lost: ['FULL', 'EMPTY', 'IN_USE', 'QUARANTINED'],
};

/** The hospital store: what is due to arrive, and cylinders marked by scanning. */
export function StoreScreen({
  user,
  reference,
  onQueued,
}: {
  user: SessionUser;
  reference: FieldReference;
  onQueued: () => void;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [action, setAction] = useState<CylinderAction>('in-use');
  const [confirming, setConfirming] = useState<string>();
  const commands = useCommands(user.id) ?? [];
  const [marked, setMarked] = useState<
    { serial: string; action: CylinderAction; warning?: { key: string; status?: string } }[]
  >([]);
  const mine = user.facilityId ?? '';
  const due = reference.trips.filter((trip) =>
    trip.stops.some((stop) => stop.facilityId === mine && !stop.completed),
  );
  const received = reference.trips.filter((trip) =>
    trip.stops.some((stop) => stop.facilityId === mine && stop.completed),
  );

  const mark = async (serial: string) => {
    const known = reference.cylinders.find((cylinder) => cylinder.serial === serial);
    // kept as a key, translated when shown: the language may change while the list is open
    const warning = !known
      ? { key: 'field.store.notHere' }
      : !FROM[action].includes(known.status)
        ? { key: 'field.store.unexpectedState', status: known.status }
        : undefined;
    const body =
      action === 'quarantine'
        ? { reason: t('field.store.damaged') }
        : action === 'lost'
          ? { reason: t('field.store.missing') }
          : {};
    await enqueue({
      userId: user.id,
      path: `/cylinders/${encodeURIComponent(serial)}/${action}`,
      json: body,
      subject: { kind: 'cylinder', action, serial },
    });
    setMarked((current) => [{ serial, action, warning }, ...current]);
    onQueued();
  };

  return (
    <Stack gap="md" data-testid="store-screen">
      <Title order={2} size="h4">
        {facilityName(reference, mine)}
      </Title>
      <Card withBorder data-testid="due">
        <Title order={3} size="h5">
          {t('field.store.due')}
        </Title>
        {due.length === 0 ? <Text size="sm">{t('field.store.nothingDue')}</Text> : null}
        {due.map((trip) => (
          <Group key={trip.tripId} justify="space-between" wrap="nowrap" data-testid="due-trip">
            <Text size="sm">
              {facilityName(reference, trip.originId)} · {trip.vehicleId} ·{' '}
              {formatDateTime(language, trip.plannedAt)}
            </Text>
            <Badge variant="light" tt="none" style={{ flexShrink: 0 }}>
              {t(`tripStatus.${trip.status}`, { defaultValue: trip.status })}
            </Badge>
          </Group>
        ))}
      </Card>
      <Card withBorder data-testid="received">
        <Title order={3} size="h5">
          {t('field.store.received')}
        </Title>
        {received.length === 0 ? <Text size="sm">{'—'}</Text> : null}
        {received.map((trip) => {
          const stop = trip.stops.find((s) => s.facilityId === mine)!;
          // the generated schema types these nullable strings loosely
          const completedAt = stop.completedAt as unknown as string | null;
          const receivedBy = stop.receivedBy as unknown as string | null;
          const receipt = reference.receipts.find((r) => r.tripId === trip.tripId);
          const queued = commands.some(
            (c) =>
              c.subject.kind === 'receipt' &&
              c.subject.tripId === trip.tripId &&
              c.status !== 'refused',
          );
          return (
            <Stack
              key={trip.tripId}
              gap={4}
              py={4}
              data-testid="received-trip"
              data-trip={trip.tripId}
            >
              <Text size="sm">
                {completedAt ? formatDateTime(language, completedAt) : ''} ·{' '}
                {t('field.store.deliveredCount', { count: stop.delivered.length })} ·{' '}
                {receivedBy ?? ''}
              </Text>
              <ProofOfDelivery proof={stop.proof} />
              {receipt ? (
                <Badge
                  data-testid="receipt-state"
                  data-discrepancy={receipt.missing.length + receipt.unexpected.length > 0}

                  color={
                    receipt.missing.length + receipt.unexpected.length ? 'orange.9' : 'green.9'
                  }
                >
                  {receipt.missing.length + receipt.unexpected.length
                    ? t('field.store.discrepancy', {
                        count: receipt.missing.length + receipt.unexpected.length,
                      })
                    : t('field.store.confirmed')}
                </Badge>
              ) : queued ? (
                <Badge color="yellow.8">{t('field.queued')}</Badge>
              ) : confirming === trip.tripId ? (
                <ConfirmReceipt
                  user={user}
                  trip={trip}
                  delivered={stop.delivered}
                  onQueued={() => {
                    setConfirming(undefined);
                    onQueued();
                  }}
                />
              ) : (
                <Button
                  size="md"
                  variant="light"
                  onClick={() => setConfirming(trip.tripId)}
                  data-testid="start-receipt"
                >
                  {t('field.store.confirmReceipt')}
                </Button>
              )}
            </Stack>
          );
        })}
      </Card>
      <Card withBorder data-testid="mark">
        <Title order={3} size="h5">
          {t('field.store.mark')}
        </Title>
        <SimpleGrid cols={2} spacing="xs" mb="xs" data-testid="mark-action">
          {ACTIONS.map((value) => (
            <Button
              key={value}
              size="md"
              variant={action === value ? 'filled' : 'light'}
              aria-pressed={action === value}
              onClick={() => setAction(value)}
              data-testid={`mark-action-${value}`}
            >
              {t(`field.action.${value}`)}
            </Button>
          ))}
        </SimpleGrid>
        <ScanField label={t('field.store.scanToMark')} onScan={(serial) => void mark(serial)} />
        <Stack gap={4} mt="xs">
          {marked.map((entry, index) => (
            <Text key={`${entry.serial}-${index}`} size="sm" data-testid="marked">
              <b>{entry.serial}</b> → {t(`field.action.${entry.action}`)}
              {entry.warning ? (
                <Text span c="orange.9">
                  {' '}
                  · {t(entry.warning.key, { status: entry.warning.status })}
                </Text>
              ) : null}
            </Text>
          ))}
        </Stack>
        <Button mt="sm" variant="subtle" size="sm" onClick={() => setMarked([])}>
          {t('field.store.clearList')}
        </Button>
      </Card>
    </Stack>
  );
}
