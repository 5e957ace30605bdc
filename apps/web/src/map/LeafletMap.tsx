import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import iraq from './iraq-governorates.geo.json';

export interface MapPolygonStyle {
  fill: string;
  label: string;
  onClick?: () => void;
}

export interface MapMarker {
  id: string;
  latitude: number;
  longitude: number;
  colour: string;
  label: string;
  radius?: number;
  onClick?: () => void;
}

export interface MapLine {
  id: string;
  points: [number, number][];
  colour: string;
  label: string;
}

// stable defaults: a fresh `[]` each render would redraw every marker each render
const NO_MARKERS: MapMarker[] = [];
const NO_LINES: MapLine[] = [];

const IRAQ_BOUNDS = L.latLngBounds([29.0, 38.8], [37.4, 48.6]);

/**
 * Leaflet 1.9 used directly (its React wrapper's licence is not OSI-approved): SVG polygons
 * from the committed GeoJSON, no tiles unless `tileUrl` names a server (online deployments).
 * Labels are HTML tooltips, so Arabic and Kurdish shape with the page's font.
 */
export function LeafletMap({
  polygons,
  markers = NO_MARKERS,
  lines = NO_LINES,
  height = 420,
  tileUrl = import.meta.env.VITE_MAP_TILE_URL as string | undefined,
  label,
}: {
  polygons: Record<string, MapPolygonStyle>;
  markers?: MapMarker[];
  lines?: MapLine[];
  height?: number;
  tileUrl?: string;
  label: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  // governorates apart from markers and routes: a country's 300 hospitals arriving must not
  // redraw the 77 KB of polygons, nor new colours the markers
  const areas = useRef<L.LayerGroup | null>(null);
  const points = useRef<L.LayerGroup | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const created = L.map(element.current, {
      zoomSnap: 0.25,
      attributionControl: Boolean(tileUrl),
      preferCanvas: false,
    });
    created.fitBounds(IRAQ_BOUNDS);
    if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 12 }).addTo(created);
    areas.current = L.layerGroup().addTo(created);
    points.current = L.layerGroup().addTo(created);
    map.current = created;
    return () => {
      created.remove();
      map.current = null;
    };
  }, [tileUrl]);

  useEffect(() => {
    const group = areas.current;
    if (!group) return;
    group.clearLayers();
    L.geoJSON(iraq as GeoJSON.FeatureCollection, {
      style: (feature) => ({
        color: '#334155',
        weight: 1,
        fillColor: polygons[feature?.properties?.code as string]?.fill ?? '#e2e8f0',
        fillOpacity: 0.75,
        className: `governorate governorate-${feature?.properties?.code}`,
      }),
      onEachFeature: (feature, layer) => {
        const style = polygons[feature.properties?.code as string];
        if (!style) return;
        layer.bindTooltip(style.label, { sticky: true });
        if (style.onClick) layer.on('click', style.onClick);
      },
    })
      .addTo(group)
      .bringToBack(); // under the markers, when the colours change after they were drawn
  }, [polygons]);

  useEffect(() => {
    const group = points.current;
    if (!group) return;
    group.clearLayers();
    for (const line of lines) {
      L.polyline(line.points, { color: line.colour, weight: 3, opacity: 0.85, className: 'route' })
        .bindTooltip(line.label, { sticky: true })
        .addTo(group);
    }
    for (const marker of markers) {
      const circle = L.circleMarker([marker.latitude, marker.longitude], {
        radius: marker.radius ?? 7,
        color: '#ffffff',
        weight: 2,
        fillColor: marker.colour,
        fillOpacity: 1,
        className: `facility facility-${marker.id}`,
      })
        .bindTooltip(marker.label)
        .addTo(group);
      if (marker.onClick) circle.on('click', marker.onClick);
    }
  }, [markers, lines]);

  return (
    <div
      ref={element}
      aria-label={label}
      data-testid="map"
      style={{ height, width: '100%', background: '#f8fafc', borderRadius: 8 }}
    />
  );
}
