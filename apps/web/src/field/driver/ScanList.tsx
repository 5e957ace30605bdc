import { ActionIcon, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n';
import { formatList, formatNumber } from '../../i18n/format';
import type { ScanVerdict } from './trip-progress';

/** The scans of a step: each with its size and, when it was not expected, why. */
export function ScanList({
  scans,
  onRemove,
}: {
  scans: ScanVerdict[];
  onRemove: (serial: string) => void;
}) {
  const { t } = useTranslation();
  if (scans.length === 0) return null;
  return (
    <Stack gap={4} data-testid="scans">
      {scans.map((scan) => (
        <Group
          key={scan.serial}
          justify="space-between"
          wrap="nowrap"
          data-testid="scan"
          data-serial={scan.serial}
          data-ok={scan.ok}
          px="xs"
          py={6}
          style={{
            borderRadius: 6,
            background: scan.ok ? 'var(--mantine-color-green-0)' : 'var(--mantine-color-yellow-1)',
          }}
        >
          <Stack gap={0}>
            <Text fw={700} ff="monospace">
              {scan.serial} {scan.sizeCode ? `(${scan.sizeCode})` : ''}
            </Text>
            {!scan.ok ? (
              <Text size="sm" c="orange.9" data-testid="scan-warning">
                {t(`field.scanProblem.${scan.reason}`)}
              </Text>
            ) : null}
          </Stack>
          <ActionIcon
            size="xl"
            variant="subtle"
            color="gray.8"
            aria-label={t('field.remove', { serial: scan.serial })}
            onClick={() => onRemove(scan.serial)}
          >
            ✕
          </ActionIcon>
        </Group>
      ))}
    </Stack>
  );
}

/**
 * "2 × J, 1 × E" from the scans' sizes, counts in the reader's digits and the list with the
 * reader's comma; unknown sizes counted as "?".
 */
export function countBySize(language: Language, scans: ScanVerdict[]): string {
  const counts = new Map<string, number>();
  for (const scan of scans)
    counts.set(scan.sizeCode ?? '?', (counts.get(scan.sizeCode ?? '?') ?? 0) + 1);
  return sizeCounts(language, [...counts]);
}

export function plannedText(
  language: Language,
  planned: Record<string, number> | undefined,
): string | undefined {
  if (!planned) return undefined;
  const parts = Object.entries(planned).filter(([, n]) => n > 0);
  return parts.length > 0 ? sizeCounts(language, parts) : '—';
}

function sizeCounts(language: Language, counts: [string, number][]): string {
  return formatList(
    language,
    counts.map(([size, n]) => `${formatNumber(language, n)} × ${size}`),
  );
}
