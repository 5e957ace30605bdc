import { useQuery } from '@tanstack/react-query';
import { api, getAllPages, getJson, ok } from '../api/client';
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
    queryFn: async (): Promise<Page<HospitalSupply>> => {
      const items = await getAllPages((page, pageSize) =>
        getJson<Page<HospitalSupply>>('/supply/hospitals', { ...filter, page, pageSize }),
      );
      return { items, total: items.length };
    },
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
      getAllPages((page, pageSize) =>
        getJson<Page<FacilityView>>('/facilities', { kind, page, pageSize }),
      ),
  });
}

export function useReportingGaps(days: number) {
  return useQuery({
    queryKey: ['supply', 'reporting', days],
    queryFn: async () => {
      const items = await getAllPages((page, pageSize) =>
        ok(api.GET('/api/v1/supply/reporting', { params: { query: { days, page, pageSize } } })),
      );
      return { items, total: items.length };
    },
  });
}
