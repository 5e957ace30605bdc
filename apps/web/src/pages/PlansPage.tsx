import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, getJson, ok, postJson } from '../api/client';
import type { FacilityView, FlaggedTrip, Page, PlanRoute, RoutePlan, Sizes } from '../api/views';
import type { SessionUser } from '../auth/session';
import type { Language } from '../i18n';
import { formatDateTime, formatNumber, formatSizes } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import type { MapLine } from '../map/LeafletMap';
import { BADGE } from '../shared/colours';
import { DataTable } from '../shared/DataTable';
import { Loadable } from '../shared/Loadable';
import { printElement } from '../shared/print';
import { useFacilities, useHospitalSupply, useRollup } from '../supply/queries';
import { SupplyMap } from '../supply/SupplyMap';
import { ReceiptDiscrepancies } from './ReceiptDiscrepancies';
import { ScanConflicts } from './ScanConflicts';
import { TripDeliveryProofs } from './TripDeliveryProofs';
import { tripStatusColumn } from './event-names';

// dark enough to be read as text on white (WCAG AA)
const ROUTE_COLOURS = ['#1d4ed8', '#7e22ce', '#0e7490', '#a21caf', '#4338ca', '#0f766e', '#92400e'];

/** "J 3, E 2": the sizes with a count, counts in the reader's digits, the list with their comma. */
export function sizesText(language: Language, sizes: Sizes): string {
  return (
    formatSizes(
      language,
      Object.entries(sizes).filter(([, count]) => count > 0),
    ) || '—'
  );
}

export function PlansPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mayDecide = user.role === 'dispatcher' || user.role === 'admin';
  const plans = useQuery({
    queryKey: ['plans', 'proposed'],
    queryFn: () => getJson<Page<RoutePlan>>('/plans', { status: 'proposed' }),
  });
  const planNow = useMutation({
    mutationFn: () => postJson('/plans', {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['plans'] }),
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('plans.title')}</Title>
        {mayDecide && (
          <Button onClick={() => planNow.mutate()} loading={planNow.isPending} className="no-print">
            {t('plans.planNow')}
          </Button>
        )}
      </Group>
      <Loadable query={plans}>
        {(page) => {
          const open = page.items.filter((plan) => plan.status === 'proposed');
          return open.length === 0 ? (
            <Text>{t('plans.none')}</Text>
          ) : (
            open.map((plan) => <PlanCard key={plan.planId} plan={plan} mayDecide={mayDecide} />)
          );
        }}
      </Loadable>
      <TripsInProgress />
      <TripDeliveryProofs />
      <ReconciliationFlags />
      <ScanConflicts mayResolve={mayDecide} />
      <ReceiptDiscrepancies />
    </Stack>
  );
}

function routeLines(routes: PlanRoute[], facilities: Map<string, FacilityView>): MapLine[] {
  return routes.map((route, index) => {
    const ids = [
      route.originFacilityId,
      ...route.stops.map((s) => s.facilityId),
      route.originFacilityId,
    ];
    const points = ids
      .map((id) => facilities.get(id))
      .filter((f): f is FacilityView => Boolean(f))
      .map((f) => [f.latitude, f.longitude] as [number, number]);
    return {
      id: route.routeId,
      points,
      colour: ROUTE_COLOURS[index % ROUTE_COLOURS.length],
      label: `${route.vehicleId}`,
    };
  });
}

function PlanCard({ plan, mayDecide }: { plan: RoutePlan; mayDecide: boolean }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const queryClient = useQueryClient();
  const facilities = useFacilities();
  const rollup = useRollup();
  const hospitals = useHospitalSupply();
  const [reason, setReason] = useState('');
  const byId = useMemo(
    () => new Map((facilities.data ?? []).map((f) => [f.id, f])),
    [facilities.data],
  );
  const name = (id: string) => byId.get(id)?.name ?? id;
  const lines = useMemo(() => routeLines(plan.routes, byId), [plan.routes, byId]);
  const refresh = () => void queryClient.invalidateQueries();
  const approve = useMutation({
    mutationFn: () => postJson<{ trips?: unknown[] }>(`/plans/${plan.planId}/approve`, {}),
    onSuccess: refresh,
  });
  const reject = useMutation({
    mutationFn: () => postJson(`/plans/${plan.planId}/reject`, { reason }),
    onSuccess: refresh,
  });
  const edit = useMutation({
    mutationFn: (body: Record<string, unknown>) => postJson(`/plans/${plan.planId}/edits`, body),
    onSuccess: refresh,
  });

  return (
    <Card withBorder data-testid="plan" data-plan={plan.planId}>
      <Group justify="space-between" mb="xs">
        <Group>
          <Title order={3}>{plan.region}</Title>
          <Badge color={BADGE.info}>{plan.status}</Badge>
          <Text size="sm" c="dimmed">
            {plan.reason}
          </Text>
        </Group>
        {mayDecide && (
          <Group className="no-print">
            <TextInput
              size="xs"
              aria-label={t('plans.reason')}
              placeholder={t('plans.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
            <Button
              size="xs"
              color="red"
              variant="light"
              disabled={!reason.trim()}
              onClick={() => reject.mutate()}
              loading={reject.isPending}
            >
              {t('plans.reject')}
            </Button>
            <Button
              size="xs"
              onClick={() => approve.mutate()}
              loading={approve.isPending}
              data-testid="approve"
            >
              {t('plans.approve')}
            </Button>
          </Group>
        )}
      </Group>
      {[approve, reject, edit].map((m, i) =>
        m.isError ? (
          <Alert key={i} color="red" role="alert" mb="xs">
            {m.error.message}
          </Alert>
        ) : null,
      )}
      {rollup.data && (
        <SupplyMap
          governorates={rollup.data.governorates}
          hospitals={hospitals.data?.items ?? []}
          facilities={facilities.data ?? []}
          lines={lines}
          height={340}
        />
      )}
      <Stack mt="md">
        {plan.routes.map((route, index) => (
          <RouteCard
            key={route.routeId}
            route={route}
            index={index}
            name={name}
            otherRoutes={plan.routes.filter((r) => r.routeId !== route.routeId)}
            mayDecide={mayDecide}
            onEdit={(body) => edit.mutate(body)}
          />
        ))}
      </Stack>
      {plan.unserved.length > 0 && (
        <DataTable
          title={t('plans.unserved')}
          csvName={`unserved-${plan.planId}`}
          rows={plan.unserved}
          rowKey={(row) => `${row.facilityId}-${row.sizeCode}`}
          columns={[
            { key: 'hospital', header: t('table.hospital'), value: (row) => name(row.facilityId) },
            { key: 'size', header: t('table.size'), value: (row) => row.sizeCode },
            {
              key: 'count',
              header: t('table.count'),
              value: (row) => row.cylinders,
              render: (row) => formatNumber(language, row.cylinders),
            },
            { key: 'reason', header: t('plans.reason'), value: (row) => row.reason },
          ]}
        />
      )}
    </Card>
  );
}

function RouteCard({
  route,
  index,
  name,
  otherRoutes,
  mayDecide,
  onEdit,
}: {
  route: PlanRoute;
  index: number;
  name: (id: string) => string;
  otherRoutes: PlanRoute[];
  mayDecide: boolean;
  onEdit: (body: Record<string, unknown>) => void;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const card = useRef<HTMLDivElement>(null);
  return (
    <Card withBorder ref={card} data-testid="route">
      <Group justify="space-between">
        <Text fw={700} style={{ color: ROUTE_COLOURS[index % ROUTE_COLOURS.length] }}>
          {t('plans.route', { n: index + 1 })}: {name(route.originFacilityId)} · {route.vehicleId}
        </Text>
        <Group gap="xs">
          <Text size="sm">
            {t('plans.distance', {
              km: formatNumber(language, route.distanceKm, 1),
              minutes: formatNumber(language, route.durationMinutes),
            })}
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
      </Group>
      <Text size="sm">
        {formatDateTime(language, route.departureAt)} → {formatDateTime(language, route.returnAt)} ·{' '}
        {t('plans.deliver')}: {sizesText(language, route.loadAtOrigin)}
      </Text>
      <Table mt="xs" withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('table.hospital')}</Table.Th>
            <Table.Th>{t('plans.arrival')}</Table.Th>
            <Table.Th>{t('plans.deliver')}</Table.Th>
            <Table.Th>{t('plans.collect')}</Table.Th>
            {mayDecide && <Table.Th className="no-print" />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {route.stops.map((stop, position) => (
            <Table.Tr key={stop.facilityId}>
              <Table.Td>{formatNumber(language, position + 1)}</Table.Td>
              <Table.Td>{name(stop.facilityId)}</Table.Td>
              <Table.Td>{formatDateTime(language, stop.arrivalAt)}</Table.Td>
              <Table.Td>{sizesText(language, stop.deliver)}</Table.Td>
              <Table.Td>{sizesText(language, stop.collect)}</Table.Td>
              {mayDecide && (
                <Table.Td className="no-print">
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() =>
                        onEdit({
                          kind: 'drop-stop',
                          facilityId: stop.facilityId,
                          routeId: route.routeId,
                        })
                      }
                    >
                      {t('plans.drop')}
                    </Button>
                    {otherRoutes.length > 0 && (
                      <NativeSelect
                        size="xs"
                        aria-label={t('plans.moveTo')}
                        data={[
                          { value: '', label: t('plans.moveTo') },
                          ...otherRoutes.map((r) => ({ value: r.routeId, label: r.vehicleId })),
                        ]}
                        value=""
                        onChange={(e) => {
                          const target = otherRoutes.find(
                            (r) => r.routeId === e.currentTarget.value,
                          );
                          if (!target) return;
                          // to the end of the other route; the api re-times and re-checks it
                          onEdit({
                            kind: 'move-stop',
                            facilityId: stop.facilityId,
                            fromRouteId: route.routeId,
                            toRouteId: target.routeId,
                            position: target.stops.length,
                          });
                        }}
                      />
                    )}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function TripsInProgress() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const trips = useQuery({
    queryKey: ['trips', 'open'],
    queryFn: () => ok(api.GET('/api/v1/trips', { params: { query: { pageSize: 100 } } })),
  });
  return (
    <Loadable query={trips}>
      {(page) => (
        <DataTable
          testId="trips-table"
          title={t('plans.trips')}
          csvName="trips"
          rows={page.items.filter((trip) => trip.status !== 'COMPLETED')}
          rowKey={(row) => row.tripId}
          columns={[
            { key: 'trip', header: t('plans.trip'), value: (row) => row.tripId },
            tripStatusColumn(t),
            { key: 'vehicle', header: t('plans.vehicle'), value: (row) => row.vehicleId },
            {
              key: 'stops',
              header: t('plans.stops'),
              value: (row) => row.stops.map((s) => s.facilityId).join(' → '),
            },
            {
              key: 'planned',
              header: t('table.when'),
              value: (row) => row.plannedAt,
              render: (row) => formatDateTime(language, row.plannedAt),
            },
          ]}
        />
      )}
    </Loadable>
  );
}

function ReconciliationFlags() {
  const { t } = useTranslation();
  const flags = useQuery({
    queryKey: ['reconciliation', 'trips'],
    queryFn: () => getJson<Page<FlaggedTrip>>('/reconciliation/trips', { pageSize: 200 }),
  });
  return (
    <Loadable query={flags}>
      {(page) => (
        <DataTable
          title={t('plans.reconciliation')}
          csvName="reconciliation-flags"
          rows={page.items}
          rowKey={(row) => row.tripId}
          columns={[
            { key: 'trip', header: t('plans.trip'), value: (row) => row.tripId },
            { key: 'loaded', header: t('plans.loaded'), value: (row) => row.loaded },
            { key: 'delivered', header: t('plans.delivered'), value: (row) => row.delivered },
            { key: 'collected', header: t('plans.collected'), value: (row) => row.collected },
            { key: 'unloaded', header: t('plans.unloaded'), value: (row) => row.unloaded },
            {
              key: 'unaccounted',
              header: t('plans.unaccounted'),
              value: (row) => row.unaccounted.join(' '),
            },
          ]}
        />
      )}
    </Loadable>
  );
}
