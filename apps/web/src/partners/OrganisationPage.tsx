import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getJson } from '../api/client';
import { Link } from '../app/router';
import { DataTable } from '../shared/DataTable';
import { Loadable } from '../shared/Loadable';
import { Availability, Contacts, Tags } from './PartnerBadges';
import type { OrganisationPageView } from './partner-views';

/** One organisation: what it offers where, its surge capacity, its plants and its people. */
export function OrganisationPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const organisation = useQuery({
    queryKey: ['partners', 'organisation', id],
    queryFn: () =>
      getJson<OrganisationPageView>(`/partners/organisations/${encodeURIComponent(id)}`),
  });
  return (
    <Loadable query={organisation}>
      {(o) => (
        <Stack>
          <Title order={2}>{o.name}</Title>
          <Text>{t(`partners.kind.${o.kind}`)}</Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Stack gap="xs">
                <Title order={3} size="h4">
                  {t('partners.services')}
                </Title>
                <Tags tags={o.services} />
                <Text size="sm">
                  {t('partners.governorates')}:{' '}
                  {o.governorates.length === 19
                    ? t('partners.everywhere')
                    : o.governorates.join(', ')}
                </Text>
                {o.surgeCapacity && (
                  <Text size="sm">
                    {t('partners.surgeCapacity')}: {o.surgeCapacity}
                  </Text>
                )}
                {o.website && (
                  <Anchor href={o.website} target="_blank" rel="noreferrer" size="sm">
                    {o.website}
                  </Anchor>
                )}
              </Stack>
            </Card>
            <Card withBorder>
              <Title order={3} size="h4" mb="xs">
                {t('partners.facilities')}
              </Title>
              {o.facilities.length === 0 && <Text size="sm">—</Text>}
              {o.facilities.map((f) => (
                <Text key={f.id} size="sm">
                  <Link
                    to={
                      f.kind === 'producer'
                        ? `/producers/${encodeURIComponent(f.id)}`
                        : `/hospitals/${encodeURIComponent(f.id)}`
                    }
                  >
                    {f.name}
                  </Link>{' '}
                  ({f.governorate})
                </Text>
              ))}
            </Card>
          </SimpleGrid>
          <DataTable
            title={t('partners.people', { count: o.people.length })}
            csvName={`partner-people-${o.id}`}
            rows={o.people}
            rowKey={(row) => row.id}
            columns={[
              {
                key: 'name',
                header: t('partners.name'),
                value: (row) => row.name,
                render: (row) => (
                  <Link to={`/directory/people/${encodeURIComponent(row.id)}`}>{row.name}</Link>
                ),
              },
              { key: 'job', header: t('partners.jobTitle'), value: (row) => row.jobTitle },
              {
                key: 'tags',
                header: t('partners.expertise'),
                value: (row) => row.tags.join('; '),
                render: (row) => <Tags tags={row.tags} />,
              },
              {
                key: 'available',
                header: t('partners.availability'),
                value: (row) => String(row.available),
                render: (row) => <Availability available={row.available} />,
              },
              {
                key: 'contacts',
                header: t('partners.contacts'),
                value: (row) => row.contacts.map((c) => c.value).join('; '),
                render: (row) => <Contacts person={row} />,
              },
            ]}
          />
        </Stack>
      )}
    </Loadable>
  );
}
