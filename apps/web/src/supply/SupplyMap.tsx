import { Group, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../app/router';
import type { FacilityView, HospitalSupply, RollupRow } from '../api/views';
import { useLanguage } from '../i18n/use-language';
import { formatDays } from '../i18n/format';
import { governorateName } from '../i18n/governorates';
import { LeafletMap, type MapLine, type MapMarker, type MapPolygonStyle } from '../map/LeafletMap';
import {
  colourForDays,
  DAY_BANDS,
  figuresByPolygon,
  LEVEL_COLOURS,
  NO_DATA_COLOUR,
} from './figures';

/** Governorates coloured by days of supply, hospitals and plants as markers. */
export function SupplyMap({
  governorates,
  hospitals,
  facilities,
  lines,
  height,
}: {
  governorates: RollupRow[];
  hospitals: HospitalSupply[];
  facilities: FacilityView[];
  lines?: MapLine[];
  height?: number;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const polygons = useMemo(() => {
    const styles: Record<string, MapPolygonStyle> = {};
    for (const [code, figures] of figuresByPolygon(governorates)) {
      const names = figures.governorates.map((name) => governorateName(name, language)).join(' + ');
      styles[code] = {
        fill: colourForDays(figures.daysOfSupply),
        label: `${names}: ${t('kpi.daysValue', { value: formatDays(language, figures.daysOfSupply) })}`,
        onClick: () => navigate(`/governorates/${encodeURIComponent(figures.governorates[0])}`),
      };
    }
    return styles;
  }, [governorates, language, t]);
  const markers = useMemo<MapMarker[]>(() => {
    const levels = new Map(hospitals.map((h) => [h.facilityId, h]));
    return facilities.map((facility) => {
      const supply = levels.get(facility.id);
      const isHospital = facility.kind === 'hospital';
      return {
        id: facility.id,
        latitude: facility.latitude,
        longitude: facility.longitude,
        colour: isHospital ? (supply ? LEVEL_COLOURS[supply.level] : NO_DATA_COLOUR) : '#2563eb',
        radius: isHospital ? 7 : 9,
        label: supply
          ? `${facility.name}: ${t(`level.${supply.level}`)}, ${t('kpi.daysValue', { value: formatDays(language, supply.daysOfSupply) })}`
          : facility.name,
        onClick: isHospital
          ? () => navigate(`/hospitals/${encodeURIComponent(facility.id)}`)
          : () => navigate(`/producers/${encodeURIComponent(facility.id)}`),
      };
    });
  }, [facilities, hospitals, language, t]);

  return (
    <Stack gap={4}>
      <LeafletMap
        polygons={polygons}
        markers={markers}
        lines={lines}
        height={height}
        label={t('overview.map')}
      />
      <Group gap="xs" wrap="wrap" aria-label={t('overview.legend')}>
        <Text size="xs">{t('overview.legend')}:</Text>
        {DAY_BANDS.map((band, index) => (
          <Group key={band.colour} gap={4}>
            <span
              style={{ width: 14, height: 14, background: band.colour, display: 'inline-block' }}
            />
            <Text size="xs">
              {index === 0
                ? `< ${formatDays(language, band.upTo)}`
                : band.upTo === Infinity
                  ? `≥ ${formatDays(language, DAY_BANDS[index - 1].upTo)}`
                  : `${formatDays(language, DAY_BANDS[index - 1].upTo)}–${formatDays(language, band.upTo)}`}
            </Text>
          </Group>
        ))}
      </Group>
      <Text size="xs" c="dimmed">
        {t('overview.mapRule')}
      </Text>
    </Stack>
  );
}
