import { Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import type { TripView } from '../api/views';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { Loadable } from '../shared/Loadable';
import { printElement } from '../shared/print';
import { tripStatusName } from './event-names';

/** A driver's trips (the phone workflow with scanning and offline work is its own app). */
export function TripsPage() {
  const { t } = useTranslation();
  const trips = useQuery({
    queryKey: ['trips', 'mine'],
    queryFn: () => ok(api.GET('/api/v1/trips', { params: { query: { pageSize: 50 } } })),
  });
  return (
    <Stack>
      <Title order={2}>{t('trips.title')}</Title>
      <Loadable query={trips}>
        {(page) =>
          page.items.length === 0 ? (
            <Text>{t('trips.none')}</Text>
          ) : (
            page.items.map((trip) => <TripCard key={trip.tripId} trip={trip} />)
          )
        }
      </Loadable>
    </Stack>
  );
}

function TripCard({ trip }: { trip: TripView }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const card = useRef<HTMLDivElement>(null);
  return (
    <Card withBorder ref={card} data-testid="trip" data-trip={trip.tripId}>
      <Group justify="space-between">
        <Text fw={700}>
          {trip.originId} · {trip.vehicleId} · {tripStatusName(t, trip.status)}
        </Text>
        <Button
          size="xs"
          variant="default"
          className="no-print"
          onClick={() => printElement(card.current)}
        >
          {t('plans.printManifest')}
        </Button>
      </Group>
      <Text size="sm">{formatDateTime(language, trip.plannedAt)}</Text>
      <Table mt="xs" withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('table.facility')}</Table.Th>
            <Table.Th>{t('plans.deliver')}</Table.Th>
            <Table.Th>{t('plans.collect')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {trip.stops.map((stop, index) => (
            <Table.Tr key={`${stop.facilityId}-${index}`}>
              <Table.Td>{index + 1}</Table.Td>
              <Table.Td>{stop.facilityId}</Table.Td>
              <Table.Td>{stop.delivered.length}</Table.Td>
              <Table.Td>{stop.collected.length}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
