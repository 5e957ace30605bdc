import type { CylindersBySize } from '@oxyledger/domain';

/** What a driver carries on a trip created from a route plan, stop by stop. */
export interface TripManifest {
  tripId: string;
  planId: string;
  routeId: string;
  vehicleId: string;
  driverId: string | null;
  origin: { facilityId: string; name: string };
  departureAt: string;
  returnAt: string;
  distanceKm: number;
  loadAtOrigin: CylindersBySize;
  stops: {
    sequence: number;
    facilityId: string;
    name: string;
    arrivalAt: string;
    serviceStartsAt: string;
    departureAt: string;
    deliver: CylindersBySize;
    collect: CylindersBySize;
  }[];
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const cylinders = (amounts: CylindersBySize) =>
  Object.entries(amounts)
    .filter(([, n]) => n > 0)
    .map(([code, n]) => `${n} × ${escape(code)}`)
    .join(', ') || '—';

/** The manifest as a page to print and carry: one table row per stop, room to sign. */
export function manifestHtml(manifest: TripManifest): string {
  const rows = manifest.stops
    .map(
      (
        stop,
      ) => `<tr><td>${stop.sequence}</td><td>${escape(stop.name)}<br><small>${escape(stop.facilityId)}</small></td>
<td>${escape(stop.arrivalAt)}</td><td>${cylinders(stop.deliver)}</td><td>${cylinders(stop.collect)}</td><td></td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Trip manifest ${escape(manifest.tripId)}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #444;padding:.4em;text-align:left;vertical-align:top}td:last-child{width:12em}
@media print{body{margin:0}}</style></head><body>
<h1>Trip manifest</h1>
<p>Trip <b>${escape(manifest.tripId)}</b> (plan ${escape(manifest.planId)}) · vehicle <b>${escape(manifest.vehicleId)}</b> · driver ${escape(manifest.driverId ?? '—')}</p>
<p>From <b>${escape(manifest.origin.name)}</b>: load ${cylinders(manifest.loadAtOrigin)}; leave ${escape(manifest.departureAt)}, back ${escape(manifest.returnAt)} (${manifest.distanceKm} km)</p>
<table><thead><tr><th>#</th><th>Stop</th><th>Planned arrival</th><th>Deliver (full)</th><th>Collect (empty)</th><th>Received by (signature)</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>
`;
}
