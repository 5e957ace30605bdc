import { Button, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * What the step expects, as kept on the phone, folded away: for a label that will not scan
 * (torn, wet) the driver taps its serial instead of typing it; it goes through the same check.
 */
export function ExpectedSerials({
  cylinders,
  scanned,
  onPick,
}: {
  cylinders: { serial: string; sizeCode?: string }[];
  scanned: string[];
  onPick: (serial: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const left = cylinders.filter((cylinder) => !scanned.includes(cylinder.serial));
  if (left.length === 0) return null;
  return (
    <Stack gap={6} mt="xs">
      <Button
        variant="subtle"
        size="sm"
        justify="start"
        px={4}
        h="auto"
        py={6}
        styles={{ label: { whiteSpace: 'normal', textAlign: 'start' } }}
        onClick={() => setOpen((value) => !value)}
        data-testid="expected-toggle"
        aria-expanded={open}
      >
        {open ? t('field.hideExpected') : t('field.showExpected', { count: left.length })}
      </Button>
      {open ? (
        <Group gap={6}>
          {left.map((cylinder) => (
            <Button
              key={cylinder.serial}
              size="sm"
              variant="default"
              ff="monospace"
              onClick={() => onPick(cylinder.serial)}
              data-testid="expected-serial"
              data-serial={cylinder.serial}
            >
              {cylinder.serial} {cylinder.sizeCode ? `(${cylinder.sizeCode})` : ''}
            </Button>
          ))}
        </Group>
      ) : null}
    </Stack>
  );
}
