import { Button, Card, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language';
import { ScanField } from '../scan/ScanField';
import { ExpectedSerials } from './ExpectedSerials';
import { countBySize, ScanList } from './ScanList';
import { checkScan, type ScanVerdict, type TripProgress } from './trip-progress';
import type { ExpectedCylinders } from '../reference/reference-data';

/**
 * Back at the plant: each cylinder taken off the truck is scanned and checked against what is
 * still on board; "unload all remaining" lists every serial it will record before it is
 * confirmed, so nothing is unloaded on paper that is not in the yard.
 */
export function UnloadStep({
  place,
  progress,
  expected,
  onUnload,
}: {
  place: string;
  progress: TripProgress;
  expected?: ExpectedCylinders;
  onUnload: (serials: string[]) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [scans, setScans] = useState<ScanVerdict[]>([]);
  const [listingAll, setListingAll] = useState(false);
  const [saving, setSaving] = useState(false);
  const remaining = [...progress.onBoard];
  const unload = async (serials: string[]) => {
    setSaving(true);
    try {
      await onUnload(serials);
      setScans([]);
      setListingAll(false);
    } finally {
      setSaving(false);
    }
  };
  const sized = (serial: string) =>
    checkScan({ kind: 'unload' }, serial, [], { expected, progress });
  const add = (serial: string) =>
    setScans((current) => [
      ...current,
      checkScan(
        { kind: 'unload' },
        serial,
        current.map((scan) => scan.serial),
        { expected, progress },
      ),
    ]);

  return (
    <Card withBorder data-testid="unload-step">
      <Title order={3} size="h5">
        {t('field.unloadTitle', { place })} (
        {t('field.onBoardCount', { count: progress.onBoard.size })})
      </Title>
      <ScanField label={t('field.scanToUnload')} onScan={add} />
      <ExpectedSerials
        cylinders={remaining.map((serial) => ({ serial, sizeCode: sized(serial).sizeCode }))}
        scanned={scans.map((scan) => scan.serial)}
        onPick={add}
      />
      <ScanList
        scans={scans}
        onRemove={(serial) => setScans((current) => current.filter((s) => s.serial !== serial))}
      />
      <Stack gap="xs" mt="sm">
        {scans.length > 0 ? (
          <Button
            size="lg"
            fullWidth
            loading={saving}
            onClick={() => void unload(scans.map((scan) => scan.serial))}
            data-testid="confirm-unload"
          >
            {t('field.confirmUnload', { what: countBySize(language, scans) })}
          </Button>
        ) : null}
        {!listingAll ? (
          <Button
            size="lg"
            variant="light"
            fullWidth
            onClick={() => setListingAll(true)}
            data-testid="unload-all"
          >
            {t('field.unloadAllRemaining', { count: remaining.length })}
          </Button>
        ) : (
          <Card withBorder bg="yellow.0" data-testid="unload-all-list">
            <Text fw={700}>{t('field.unloadAllList', { count: remaining.length, place })}</Text>
            <List size="md" my="xs" ff="monospace">
              {remaining.map((serial) => {
                const sizeCode = sized(serial).sizeCode;
                return (
                  <List.Item key={serial} data-serial={serial}>
                    {serial} {sizeCode ? `(${sizeCode})` : ''}
                  </List.Item>
                );
              })}
            </List>
            <Stack gap="xs">
              <Button
                size="lg"
                loading={saving}
                onClick={() => void unload(remaining)}
                data-testid="confirm-unload-all"
              >
                {t('field.confirmUnloadAll', { count: remaining.length })}
              </Button>
              <Button size="lg" variant="default" onClick={() => setListingAll(false)}>
                {t('field.cancel')}
              </Button>
            </Stack>
          </Card>
        )}
      </Stack>
    </Card>
  );
}
