import { useTranslation } from 'react-i18next';
import { Link } from '../app/router';
import { type Column, DataTable } from '../shared/DataTable';
import { GovernorateList } from './GovernorateList';
import { Availability, Contacts, Tags } from './PartnerBadges';
import type { PersonView } from './partner-views';

/**
 * Partner people as every partner page lists them: name (to their page), job, expertise,
 * availability and the contacts the api let through; the directory adds where and which
 * languages.
 */
export function PeopleTable({
  people,
  csvName,
  testId,
  withPlaces = false,
}: {
  people: PersonView[];
  csvName: string;
  testId?: string;
  withPlaces?: boolean;
}) {
  const { t } = useTranslation();
  const places: Column<PersonView>[] = [
    {
      key: 'governorates',
      header: t('partners.governorates'),
      value: (row) => row.governorates.join('; '),
      render: (row) => <GovernorateList names={row.governorates} />,
    },
    {
      key: 'languages',
      header: t('partners.languages'),
      value: (row) => row.languages.join(' '),
    },
  ];
  return (
    <DataTable
      title={t('partners.people', { count: people.length })}
      testId={testId}
      csvName={csvName}
      rows={people}
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
        ...(withPlaces ? places : []),
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
  );
}
