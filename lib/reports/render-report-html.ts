import { priorityBand } from '@/lib/domain/priority-band';
import type { District } from '@/lib/districts/district-geometry';
import { DISTRICT_MARK, escapeXml as esc, snapshotSvg, type Mark } from '@/lib/maps/snapshot-svg';
import type { IncidentReport } from './build-incident-report';

/** Times in reports are UTC, written out, so a printed page means the same wherever it is read. */
const utc = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : '—');

const CSS = `
  :root { color-scheme: light; }
  body { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #0f172a; margin: 24px auto; max-width: 960px; padding: 0 16px; }
  h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 15px; margin: 22px 0 6px; border-bottom: 2px solid #0f172a; padding-bottom: 2px; text-transform: uppercase; letter-spacing: .04em; }
  .meta { color: #334155; } .muted { color: #64748b; } .p { display: inline-block; border: 1px solid #0f172a; border-radius: 3px; padding: 0 5px; font-weight: 700; }
  table { width: 100%; border-collapse: collapse; } th, td { text-align: left; vertical-align: top; padding: 3px 6px; border-bottom: 1px solid #cbd5e1; }
  th { font-size: 11px; text-transform: uppercase; color: #334155; } td.t { white-space: nowrap; font-variant-numeric: tabular-nums; }
  figure { margin: 8px 0; } figure svg { width: 100%; height: auto; border: 1px solid #cbd5e1; }
  ul { margin: 4px 0; padding-left: 18px; }
  footer { margin-top: 28px; font-size: 11px; color: #64748b; border-top: 1px solid #cbd5e1; padding-top: 6px; }
  @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr, figure { break-inside: avoid; } a { color: inherit; text-decoration: none; } }
`;

function table(head: string[], rows: string[][], empty: string): string {
  if (!rows.length) return `<p class="muted">${esc(empty)}</p>`;
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.join('')}</tr>`).join('')}</tbody></table>`;
}
const td = (v: string | number | null, cls = '') => `<td${cls ? ` class="${cls}"` : ''}>${esc(v === null ? '—' : String(v))}</td>`;

/**
 * The incident report as one self-contained HTML document (inline CSS, inline SVG map, no script, no remote
 * resource): it prints as it shows, and a downloaded copy opens offline years later.
 */
export function renderReportHtml(r: IncidentReport, districts: readonly District[], preparedFor: string): string {
  const i = r.incident;
  const marks: Mark[] = [
    ...r.cameras.map((c): Mark => ({ lat: c.lat, lon: c.lon, kind: 'camera', label: c.name.slice(0, 30) })),
    ...r.events.filter((e) => e.lat !== null && e.lon !== null).slice(0, 500).map((e): Mark => ({ lat: e.lat!, lon: e.lon!, kind: 'event' })),
    ...(i.lat !== null && i.lon !== null ? [{ lat: i.lat, lon: i.lon, kind: 'incident' as const, label: `#${i.number}` }] : []),
  ];
  const map = snapshotSvg(districts, marks, { width: 900, height: 420, minSpanM: 500, title: `Map of incident ${i.number}` });
  // The outlines are San Francisco's (DataSF): credited only where they are drawn, never on another city's incident.
  const credit = map.includes(DISTRICT_MARK) ? ' District outlines: DataSF (PDDL).' : '';
  const band = priorityBand(i.score);
  const body = `
<header>
  <h1>Incident ${esc(i.number)}: ${esc(i.title)}</h1>
  <p class="meta"><span class="p">P${band}</span> score ${i.score} · ${esc(i.status)} · ${esc(i.typeCode)}<br>
  Opened ${utc(i.openedAt)} UTC${i.closedAt ? ` · closed ${utc(i.closedAt)} UTC` : ''} · ${esc(i.address ?? 'no address')}${i.lat !== null && i.lon !== null ? ` (${i.lat.toFixed(5)}, ${i.lon.toFixed(5)})` : ''}<br>
  Monitored by ${esc(r.owner?.name ?? 'nobody')}</p>
</header>
<section><h2>Map</h2><figure>${map}<figcaption class="muted">Incident (red ring), its located events (blue), cameras that see it (grey).${credit}</figcaption></figure></section>
<section><h2>Why this priority</h2>${i.reasons.length ? `<ul>${i.reasons.map((x) => `<li><b>+${x.weight}</b> ${esc(x.text)}</li>`).join('')}</ul>` : '<p class="muted">No reasons recorded.</p>'}</section>
<section><h2>Timeline (UTC)</h2>${table(['Time', 'What', 'Detail', 'By'], r.timeline.map((t) => [td(utc(t.at), 't'), td(t.what), td(t.text), td(t.by)]), 'Nothing recorded.')}</section>
<section><h2>Events (${r.events.length}${r.eventsTruncated ? '+, first shown' : ''})</h2>${table(['Time', 'Kind', 'Type', 'Title', 'Address', 'Why linked'], r.events.map((e) => [td(utc(e.occurredAt), 't'), td(e.kind), td(e.typeCode), td(e.title), td(e.address), td(e.reason)]), 'No events linked.')}</section>
<section><h2>Units</h2>${table(['Unit', 'From', 'Linked'], r.units.map((u) => [td(u.callSign), td(u.source), td(utc(u.linkedAt), 't')]), 'No unit on this incident.')}</section>
<section><h2>Cameras used</h2>${table(['Camera', 'Distance', 'Live video viewed by'], r.cameras.map((c) => [td(c.name), td(`${c.distanceM} m`), td(c.viewedBy.join(', ') || 'not viewed')]), 'No camera sees this location.')}</section>
<section><h2>Notes</h2>${table(['Time', 'By', 'Kind', 'Note'], r.notes.map((n) => [td(utc(n.createdAt), 't'), td(n.authorName), td(n.kind), td(n.body)]), 'No notes.')}</section>
<section><h2>Priority history</h2>${table(['Time', 'By', 'Change', 'Score', 'Reasons after'], r.history.map((h) => [td(utc(h.at), 't'), td(h.actor), td(h.change), td(h.score), `<td>${h.reasons.map((x) => `+${x.weight} ${esc(x.text)}`).join('<br>') || '—'}</td>`]), 'No changes recorded.')}</section>
<section><h2>Responder briefs</h2>${table(['Unit', 'Sent', 'Expires', 'Revoked', 'Ended', 'Opens'], r.briefs.map((b) => [td(b.callSign), td(utc(b.createdAt), 't'), td(utc(b.expiresAt), 't'), td(utc(b.revokedAt), 't'), td(utc(b.endedAt), 't'), td(b.opens)]), 'No brief sent.')}</section>
<footer>Generated ${utc(r.generatedAt)} UTC for ${esc(preparedFor)}. This report holds criminal-justice information; its download is recorded in the audit log.</footer>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Incident ${esc(i.number)} report</title><style>${CSS}</style></head><body data-testid="incident-report">${body}</body></html>`;
}
