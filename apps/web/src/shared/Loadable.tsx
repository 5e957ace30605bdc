import { Alert, Loader } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A query's data, or a spinner, or the api's refusal in words. */
export function Loadable<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (query.isError) {
    return (
      <Alert color="red" role="alert">
        {t('common.error', { message: query.error.message })}
      </Alert>
    );
  }
  return <>{children(query.data)}</>;
}
