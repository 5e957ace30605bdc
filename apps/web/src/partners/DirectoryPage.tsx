import { Grid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getAllPages, getJson } from '../api/client';
import { governorateName } from '../i18n/governorates';
import { useLanguage } from '../i18n/use-language';
import type { Page } from '../api/views';
import { Link } from '../app/router';
import { LeafletMap, type MapPolygonStyle } from '../map/LeafletMap';
import { GOVERNORATE_POLYGONS, governoratesOfPolygon } from '../map/governorates';
import { DataTable } from '../shared/DataTable';
import { Loadable } from '../shared/Loadable';
import { ChoiceFilter, GovernorateFilter } from './Filters';
import { GovernorateList } from './GovernorateList';
import { Tags } from './PartnerBadges';
import { PeopleTable } from './PeopleTable';
import {
  EXPERTISE_TAGS,
  ORGANISATION_KINDS,
  type OrganisationView,
  type PersonView,
} from './partner-views';

/** Map shades for 0, 1–2, 3–5 and 6+ experts in a governorate. */
const SHADES = ['#e2e8f0', '#bfdbfe', '#60a5fa', '#1d4ed8'];
const shade = (count: number) => SHADES[count === 0 ? 0 : count <= 2 ? 1 : count <= 5 ? 2 : 3];

/** The partner directory: experts and organisations by skill, governorate and kind, on the map. */
export function DirectoryPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [q, setQ] = useState('');
  const [tag, setTag] = useState<string | null>(null);
  const [governorate, setGovernorate] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const [available, setAvailable] = useState(false);
  const filters = {
    q: q.trim() || undefined,
    tag,
    organisationKind: kind,
    available: available || undefined,
  };
  const people = useQuery({
    queryKey: ['partners', 'people', filters],
    // every page: the map counts people per governorate, and the list filters them here
    queryFn: () =>
      getAllPages((page, pageSize) =>
        getJson<Page<PersonView>>('/partners/people', { ...filters, page, pageSize }),
      ),
  });
  const organisations = useQuery({
    queryKey: ['partners', 'organisations', kind, governorate],
    queryFn: () => getJson<OrganisationView[]>('/partners/organisations', { kind, governorate }),
  });
  const shown = (people.data ?? []).filter(
    (person) => !governorate || person.governorates.includes(governorate),
  );
  const polygons = useMemo(() => {
    const styles: Record<string, MapPolygonStyle> = {};
    for (const code of new Set(Object.values(GOVERNORATE_POLYGONS))) {
      const names = governoratesOfPolygon(code);
      const count = (people.data ?? []).filter((p) =>
        p.governorates.some((g) => (names as string[]).includes(g)),
      ).length;
      const place = names.map((name) => governorateName(name, language)).join(' + ');
      styles[code] = {
        fill: shade(count),
        label: `${place}: ${t('partners.expertsCount', { count })}`,
        onClick: () => setGovernorate(names[0]),
      };
    }
    return styles;
  }, [people.data, language, t]);

  return (
    <Stack>
      <Title order={2}>{t('partners.directory')}</Title>
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="xs">
            <TextInput
              label={t('partners.search')}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              data-testid="directory-search"
            />
            <ChoiceFilter
              label={t('partners.expertise')}
              value={tag}
              onChange={setTag}
              values={EXPERTISE_TAGS}
              labelOf={(value) => t(`partners.tag.${value}`)}
              testId="directory-tag"
            />
            <GovernorateFilter
              value={governorate}
              onChange={setGovernorate}
              testId="directory-governorate"
            />
            <ChoiceFilter
              label={t('partners.organisationKind')}
              value={kind}
              onChange={setKind}
              values={ORGANISATION_KINDS}
              labelOf={(value) => t(`partners.kind.${value}`)}
            />
            <Switch
              label={t('partners.availableNow')}
              checked={available}
              onChange={(e) => setAvailable(e.currentTarget.checked)}
              data-testid="directory-available"
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <LeafletMap polygons={polygons} height={360} label={t('partners.map')} />
          <Text size="xs" mt={4}>
            {t('partners.mapHint')}
          </Text>
        </Grid.Col>
      </Grid>
      <Loadable query={people}>
        {() => (
          <PeopleTable
            people={shown}
            testId="directory-people"
            csvName="partner-people"
            withPlaces
          />
        )}
      </Loadable>
      <Loadable query={organisations}>
        {(rows) => (
          <DataTable
            title={t('partners.organisations')}
            testId="directory-organisations"
            csvName="partner-organisations"
            rows={rows}
            rowKey={(row) => row.id}
            columns={[
              {
                key: 'name',
                header: t('partners.name'),
                value: (row) => row.name,
                render: (row) => (
                  <Link to={`/directory/organisations/${encodeURIComponent(row.id)}`}>
                    {row.name}
                  </Link>
                ),
              },
              {
                key: 'kind',
                header: t('partners.organisationKind'),
                value: (row) => t(`partners.kind.${row.kind}`),
              },
              {
                key: 'services',
                header: t('partners.services'),
                value: (row) => row.services.join('; '),
                render: (row) => <Tags tags={row.services} />,
              },
              {
                key: 'governorates',
                header: t('partners.governorates'),
                value: (row) =>
                  row.governorates.length === 19
                    ? t('partners.everywhere')
                    : row.governorates.join('; '),
                render: (row) => <GovernorateList names={row.governorates} />,
              },
              {
                key: 'surge',
                header: t('partners.surgeCapacity'),
                value: (row) => row.surgeCapacity,
              },
            ]}
          />
        )}
      </Loadable>
    </Stack>
  );
}
