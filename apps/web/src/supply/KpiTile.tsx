import { Paper, Text, UnstyledButton } from '@mantine/core';

/** A figure that opens the list behind it. */
export function KpiTile({
  id,
  label,
  value,
  raw,
  colour,
  onOpen,
}: {
  id: string;
  label: string;
  value: string;
  /** The unformatted figure, for tests and tools that compare it with the api's. */
  raw: number | null;
  colour?: string;
  onOpen?: () => void;
}) {
  const body = (
    <Paper
      withBorder
      p="sm"
      radius="md"
      h="100%"
      style={colour ? { borderColor: colour } : undefined}
    >
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={`kpi-${id}`} data-value={raw ?? ''}>
        {value}
      </Text>
    </Paper>
  );
  return onOpen ? (
    <UnstyledButton onClick={onOpen} style={{ display: 'block' }}>
      {body}
    </UnstyledButton>
  ) : (
    body
  );
}
