import { useQuery } from '@tanstack/react-query';
import { api, getJson, ok } from '../api/client';
import type { FacilityView, HospitalSupply, Page, SupplyRollup } from '../api/views';
import { utcDay } from './figures';

/** The queries several pages share; the live stream invalidates them all on a change. */
export function useRollup() {
  return useQuery({
    queryKey: ['supply', 'rollup'],
    queryFn: () => getJson<SupplyRollup>('/supply/rollup'),
  });
}

export function useHospitalSupply(filter: { governorate?: string } = {}) {
  return useQuery({
    queryKey: ['supply', 'hospitals', filter],
    queryFn: () => getJson<Page<HospitalSupply>>('/supply/hospitals', { ...filter, pageSize: 200 }),
  });
}

export function useNationalStock() {
  return useQuery({
    queryKey: ['stock', 'national'],
    queryFn: () => ok(api.GET('/api/v1/stock/national')),
  });
}

export function useFillsToday() {
  const today = utcDay(new Date());
  return useQuery({
    queryKey: ['fills', 'today', today],
    queryFn: () =>
      ok(api.GET('/api/v1/fills/daily', { params: { query: { from: today, to: today } } })),
  });
}

export function useFacilities(kind?: 'hospital' | 'producer') {
  return useQuery({
    queryKey: ['facilities', kind ?? 'all'],
    queryFn: () =>
      getJson<Page<FacilityView>>('/facilities', { kind, pageSize: 200 }).then((p) => p.items),
  });
}

export function useReportingGaps(days: number) {
  return useQuery({
    queryKey: ['supply', 'reporting', days],
    queryFn: () =>
      ok(api.GET('/api/v1/supply/reporting', { params: { query: { days, pageSize: 200 } } })),
  });
}
