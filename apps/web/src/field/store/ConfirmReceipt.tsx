import { Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TripView } from '../../api/views';
import type { SessionUser } from '../../auth/session';
import { formatList } from '../../i18n/format';
import { useLanguage } from '../../i18n/use-language';
import { enqueue } from '../outbox/outbox';
import { ScanField } from '../scan/ScanField';

/** The storekeeper counts what arrived; what the driver recorded and is not here shows at once. */
export function ConfirmReceipt({
  user,
  trip,
  delivered,
  onQueued,
}: {
  user: SessionUser;
  trip: TripView;
  delivered: string[];
  onQueued: () => void;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [received, setReceived] = useState<string[]>([]);
  const missing = delivered.filter((serial) => !received.includes(serial));
  const unexpected = received.filter((serial) => !delivered.includes(serial));
  const facilityId = user.facilityId ?? '';

  const confirm = async () => {
    await enqueue({
      userId: user.id,
      path: `/trips/${trip.tripId}/stops/${encodeURIComponent(facilityId)}/receipt`,
      json: { received },
      subject: { kind: 'receipt', tripId: trip.tripId, facilityId, received, missing },
    });
    onQueued();
  };

  return (
    <Stack gap="xs" data-testid="confirm-receipt" data-trip={trip.tripId}>
      <ScanField
        label={t('field.store.scanArrived')}
        onScan={(serial) =>
          setReceived((current) => (current.includes(serial) ? current : [...current, serial]))
        }
      />
      <Text size="sm" data-testid="receipt-count">
        {t('field.store.arrivedOf', { received: received.length, delivered: delivered.length })}
      </Text>
      {missing.length > 0 ? (
        <Text size="sm" c="orange.9" data-testid="receipt-missing">
          {t('field.store.missingList', { serials: formatList(language, missing) })}
        </Text>
      ) : null}
      {unexpected.length > 0 ? (
        <Text size="sm" c="orange.9">
          {t('field.store.unexpectedList', { serials: formatList(language, unexpected) })}
        </Text>
      ) : null}
      <Button
        size="lg"
        disabled={received.length === 0 && delivered.length > 0 && missing.length === 0}
        onClick={() => void confirm()}
        data-testid="confirm-receipt-button"
      >
        {missing.length + unexpected.length > 0
          ? t('field.store.confirmWithDiscrepancy')
          : t('field.store.confirmReceipt')}
      </Button>
    </Stack>
  );
}
