import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getJson } from '../api/client';
import { Link } from '../app/router';
import { formatList } from '../i18n/format';
import { governorateName } from '../i18n/governorates';
import { useLanguage } from '../i18n/use-language';
import { Loadable } from '../shared/Loadable';
import { Tags } from './PartnerBadges';
import { PeopleTable } from './PeopleTable';
import type { OrganisationPageView } from './partner-views';

/** One organisation: what it offers where, its surge capacity, its plants and its people. */
export function OrganisationPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
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
                    : formatList(
                        language,
                        o.governorates.map((g) => governorateName(g, language)),
                      )}
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
                  ({governorateName(f.governorate, language)})
                </Text>
              ))}
            </Card>
          </SimpleGrid>
          <PeopleTable people={o.people} csvName={`partner-people-${o.id}`} />
        </Stack>
      )}
    </Loadable>
  );
}
