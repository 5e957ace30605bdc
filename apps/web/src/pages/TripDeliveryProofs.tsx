import { Badge, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import type { TripView } from '../api/views';
import { ProofOfDelivery } from '../field/proof/ProofOfDelivery';
import { formatDateTime } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { Loadable } from '../shared/Loadable';

const SHOWN = 30;

/**
 * The dispatcher's proof of delivery: each served stop of the recent trips (completed ones
 * too), with who received it, their signature and the photo the driver took, newest first.
 */
export function TripDeliveryProofs() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const trips = useQuery({
    queryKey: ['trips', 'open'],
    queryFn: () => ok(api.GET('/api/v1/trips', { params: { query: { pageSize: 100 } } })),
  });
  return (
    <Paper withBorder p="md" data-testid="delivery-proofs">
      <Title order={3} mb="sm">
        {t('plans.proofs')}
      </Title>
      <Loadable query={trips}>
        {(page) => {
          const served = servedStops(page.items).slice(0, SHOWN);
          if (served.length === 0) return <Text>{t('plans.noProofs')}</Text>;
          return (
            <Table.ScrollContainer minWidth={640}>
              <Table withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('table.when')}</Table.Th>
                    <Table.Th>{t('plans.vehicle')}</Table.Th>
                    <Table.Th>{t('table.facility')}</Table.Th>
                    <Table.Th>{t('plans.delivered')}</Table.Th>
                    <Table.Th>{t('plans.collected')}</Table.Th>
                    <Table.Th>{t('plans.proof')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {served.map(({ trip, stop }) => (
                    <Table.Tr
                      key={`${trip.tripId}-${stop.facilityId}`}
                      data-testid="delivery-proof"
                      data-trip={trip.tripId}
                      data-stop={stop.facilityId}
                    >
                      <Table.Td>{formatDateTime(language, completedAt(stop))}</Table.Td>
                      <Table.Td title={trip.tripId}>
                        <Text size="sm">{trip.vehicleId}</Text>
                        <Badge size="xs" variant="light">
                          {trip.status}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{stop.facilityId}</Table.Td>
                      <Table.Td>{stop.delivered.length}</Table.Td>
                      <Table.Td>{stop.collected.length}</Table.Td>
                      <Table.Td>
                        {stop.receivedBy || stop.proof ? (
                          <ProofOfDelivery receivedBy={stop.receivedBy} proof={stop.proof} />
                        ) : (
                          <Text size="sm" c="dimmed">
                            {t('plans.noProof')}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          );
        }}
      </Loadable>
    </Paper>
  );
}

type Stop = TripView['stops'][number];

function completedAt(stop: Stop): string | undefined {
  return typeof stop.completedAt === 'string' ? stop.completedAt : undefined;
}

function servedStops(trips: TripView[]): { trip: TripView; stop: Stop }[] {
  return trips
    .flatMap((trip) => trip.stops.filter((stop) => stop.completed).map((stop) => ({ trip, stop })))
    .sort((a, b) => (completedAt(b.stop) ?? '').localeCompare(completedAt(a.stop) ?? ''));
}
