import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { formatDateTime } from '../../i18n/format';
import { useLanguage } from '../../i18n/use-language';
import { facilityName, type FieldReference } from '../reference/reference-data';

/** Today's trips, open ones first. */
export function DriverTrips({ reference }: { reference: FieldReference }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const open = ['PLANNED', 'LOADING', 'IN_PROGRESS'];
  const trips = [...reference.trips].sort(
    (a, b) => Number(open.includes(b.status)) - Number(open.includes(a.status)),
  );
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('field.myTrips')}
      </Title>
      {trips.length === 0 ? <Text>{t('trips.none')}</Text> : null}
      {trips.map((trip) => (
        <Card
          key={trip.tripId}
          withBorder
          component={Link}
          to={`/field/trips/${trip.tripId}`}
          data-testid="field-trip"
          data-trip={trip.tripId}
          padding="md"
        >
          <Group justify="space-between" wrap="nowrap">
            <Text fw={700}>{facilityName(reference, trip.originId)}</Text>
            <Badge
              variant="light"
              color={open.includes(trip.status) ? 'blue.8' : 'gray.7'}
              tt="none"
              style={{ flexShrink: 0 }}
            >
              {t(`tripStatus.${trip.status}`, { defaultValue: trip.status })}
            </Badge>
          </Group>
          <Text size="sm">
            {trip.vehicleId} · {formatDateTime(language, trip.plannedAt)}
          </Text>
          <Text size="sm" c="dimmed">
            {trip.stops.map((stop) => facilityName(reference, stop.facilityId)).join(' → ')}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
