import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MutationNote } from '../pages/HospitalPage';
import type { FormProblem } from './facility-form';

/** The frame of every admin form: a title, the fields, Save and Cancel, and what went wrong. */
export function FormShell({
  title,
  testId,
  onSubmit,
  onCancel,
  saving,
  problem,
  children,
}: {
  title: string;
  testId: string;
  onSubmit: () => void;
  onCancel?: () => void;
  saving: { isPending: boolean; isSuccess: boolean; isError: boolean; error: Error | null };
  problem: FormProblem | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="md"
      mb="md"
      component="form"
      data-testid={testId}
      aria-label={title}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <Title order={3} mb="xs">
        {title}
      </Title>
      <Stack gap="xs">
        {children}
        <Group>
          <Button type="submit" loading={saving.isPending}>
            {t('hospital.save')}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('admin.cancel')}
            </Button>
          )}
        </Group>
        {problem ? (
          <Text c="red" size="sm" role="alert">
            {t('admin.problem', { field: problem.field, rule: t(`admin.rules.${problem.rule}`) })}
          </Text>
        ) : (
          <MutationNote mutation={saving} />
        )}
      </Stack>
    </Paper>
  );
}
