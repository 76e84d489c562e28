'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { EVENT_KINDS, type EventKind } from '@/lib/domain/event';
import type { EventMapping, FieldRule, LocationRule, MappingSpec, MappingSpecInput } from '@/lib/domain/source-mapping';
import type { ImportJobDto } from '@/lib/sources/import-jobs';
import { guessMapping } from '@/lib/sources/mapping/guess-mapping';
import type { MappingPreview } from '@/lib/sources/preview-mapping';
import { sendJson } from '../../_ui/api';
import { FormError } from '../../_ui/form-error';
import { INPUT, LABEL, PANEL } from '../../_ui/styles';
import { ImportPanel } from './import-panel';
import { MappingPreviewTable } from './mapping-preview';
import { RuleInput } from './rule-input';
import { Options } from '@/components/ui/options';

const SAMPLE_BYTES = 200 * 1024;
const DATE_FORMATS = ['iso', 'MM/dd/yyyy hh:mm:ss a', 'MM/dd/yyyy HH:mm', 'yyyy-MM-dd HH:mm:ss', 'yyyy/MM/dd hh:mm:ss a', 'd-MMM-yy H:mm:ss', 'epoch_s', 'epoch_ms'];

type Draft = Extract<MappingSpecInput, { target: 'event' }>;
type Format = 'csv' | 'ndjson' | 'json';

function formatOf(name: string): Format {
  if (/\.(ndjson|jsonl)$/i.test(name)) return 'ndjson';
  if (/\.(json|geojson)$/i.test(name)) return 'json';
  return 'csv';
}

/** The first records of a file for the preview: up to 200 KB, cut at a line end (a JSON file is sent whole). */
async function sampleOf(file: File, format: Format): Promise<string> {
  if (format === 'json') return file.size <= SAMPLE_BYTES ? file.text() : '';
  const text = await file.slice(0, SAMPLE_BYTES).text();
  return file.size <= SAMPLE_BYTES ? text : text.slice(0, Math.max(0, text.lastIndexOf('\n')));
}

function columnsOf(sample: string, format: Format): string[] {
  if (format === 'csv') return (sample.split(/\r?\n/)[0] ?? '').replace(/^\uFEFF/, '').split(',').map((c) => c.replace(/^"|"$/g, '').trim()).filter(Boolean);
  try {
    const first = format === 'ndjson' ? JSON.parse(sample.split(/\r?\n/).find((l) => l.trim()) ?? '{}') : (JSON.parse(sample) as unknown[])[0];
    return Object.keys((first ?? {}) as object);
  } catch {
    return [];
  }
}

/**
 * The mapping, edited against a real file: choose a file, map its columns to the event's fields, and the preview
 * under the form shows what each of the first rows becomes, or why it would be refused, as you edit. Save, then
 * import the file through the saved mapping.
 */
export function MappingEditor({ sourceId, kind, saved, timeZone, jobs }: { sourceId: string; kind: string; saved: MappingSpec | null; timeZone: string; jobs: ImportJobDto[] }) {
  const router = useRouter();
  const sourceKind = ((EVENT_KINDS as readonly string[]).includes(kind) ? kind : 'cad') as EventKind;
  const [file, setFile] = useState<File | null>(null);
  const [sample, setSample] = useState('');
  const [columns, setColumns] = useState<string[]>([]);
  const [draft, setDraft] = useState<Draft | null>(saved?.target === 'event' ? (saved as EventMapping) : null);
  const [preview, setPreview] = useState<MappingPreview | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [savedNow, setSavedNow] = useState(!!saved);

  async function choose(f: File | null) {
    setFile(f);
    if (!f) return;
    const format = formatOf(f.name);
    const s = await sampleOf(f, format);
    const cols = columnsOf(s, format);
    setSample(s);
    setColumns(cols);
    // A saved mapping is kept (same source, next file); a first file gets a draft guessed from its column names.
    setDraft((d) => (d ? { ...d, format } : (guessMapping(cols, sourceKind, format) as Draft)));
  }

  useEffect(() => {
    if (!draft || !sample) return;
    const ctl = new AbortController();
    const t = setTimeout(async () => {
      setLoading(true);
      const res = await fetch(`/api/admin/sources/${sourceId}/mapping/preview`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ spec: draft, sample, rows: 25 }),
        signal: ctl.signal,
      }).catch(() => null);
      if (!res || ctl.signal.aborted) return;
      const body = (await res.json().catch(() => ({}))) as MappingPreview & { error?: string };
      setLoading(false);
      if (res.ok) {
        setPreview(body);
        setError(null);
      } else setError(body.error ?? `Preview failed (${res.status})`);
    }, 250);
    return () => {
      ctl.abort();
      clearTimeout(t);
    };
  }, [draft, sample, sourceId]);

  async function save() {
    if (!draft) return;
    const res = await sendJson('PUT', `/api/admin/sources/${sourceId}/mapping`, draft);
    setError(res.ok ? null : res.error);
    if (res.ok) {
      setSavedNow(true);
      router.refresh();
    }
  }

  const patch = (p: Partial<Draft>) => {
    setSavedNow(false);
    setDraft((d) => (d ? { ...d, ...p } : d));
  };
  const loc = (draft?.location ?? { mode: 'none' }) as LocationRule;
  const colSelect = (label: string, value: string, onChange: (v: string) => void) => (
    <label className={LABEL}>
      {label}
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} className={`${INPUT} w-48 normal-case`}>
        {!columns.includes(value) && <option value={value}>{value || '—'}</option>}
        <Options options={columns} />
      </select>
    </label>
  );

  return (
    <section className={`${PANEL} flex flex-col gap-4`} aria-labelledby="mapping-title">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="mapping-title" className="text-sm font-semibold">
          Mapping {saved ? '(saved)' : '(none saved yet)'}
        </h2>
        <label className={LABEL}>
          File (CSV, NDJSON or JSON)
          <input type="file" accept=".csv,.ndjson,.jsonl,.json,.geojson,text/csv,application/json" data-testid="mapping-file" onChange={(e) => void choose(e.target.files?.[0] ?? null)} className="text-sm normal-case" />
        </label>
      </div>
      {draft && (
        <div className="flex flex-wrap items-start gap-4" data-testid="mapping-form">
          <label className={LABEL}>
            Kind
            <select aria-label="Kind" value={draft.kind} onChange={(e) => patch({ kind: e.target.value as EventKind })} className={`${INPUT} w-32 normal-case`}>
              {EVENT_KINDS.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </label>
          <RuleInput label="Id" name="externalId" rule={draft.externalId} columns={columns} onChange={(r) => r && patch({ externalId: r })} />
          <RuleInput label="Type code" name="typeCode" rule={draft.typeCode} columns={columns} onChange={(r) => r && patch({ typeCode: r })} />
          <RuleInput label="Date / time" name="occurredAt" rule={draft.occurredAt.rule} columns={columns} onChange={(r) => r && patch({ occurredAt: { ...draft.occurredAt, rule: r } })} />
          <label className={LABEL}>
            Date format
            <input aria-label="Date format" list="date-formats" value={draft.occurredAt.format} onChange={(e) => patch({ occurredAt: { ...draft.occurredAt, format: e.target.value } })} className={`${INPUT} w-52 font-mono normal-case`} />
          </label>
          <datalist id="date-formats">
            {DATE_FORMATS.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
          <label className={LABEL}>
            Zone of local times
            <input aria-label="Zone of local times" value={draft.timeZone ?? ''} placeholder={timeZone} onChange={(e) => patch({ timeZone: e.target.value })} className={`${INPUT} w-48 normal-case`} />
          </label>
          <label className={LABEL}>
            Location
            <select aria-label="Location" value={loc.mode} onChange={(e) => patch({ location: e.target.value === 'columns' ? { mode: 'columns', lat: columns[0] ?? '', lon: columns[0] ?? '' } : e.target.value === 'point' ? { mode: 'point', column: columns[0] ?? '' } : { mode: 'none' } })} className={`${INPUT} w-56 normal-case`}>
              <option value="none">none in the file</option>
              <option value="columns">latitude and longitude columns</option>
              <option value="point">one column: WKT POINT, (lat, lon) or GeoJSON</option>
            </select>
          </label>
          {loc.mode === 'columns' && colSelect('Latitude column', loc.lat, (v) => patch({ location: { ...loc, lat: v } }))}
          {loc.mode === 'columns' && colSelect('Longitude column', loc.lon, (v) => patch({ location: { ...loc, lon: v } }))}
          {loc.mode === 'point' && colSelect('Point column', loc.column, (v) => patch({ location: { mode: 'point', column: v } }))}
          <RuleInput label="Title" name="title" optional rule={draft.title ?? null} columns={columns} onChange={(r: FieldRule | null) => patch({ title: r })} />
          <RuleInput label="Address" name="address" optional rule={draft.address ?? null} columns={columns} onChange={(r) => patch({ address: r })} />
          <RuleInput label="Priority (1–5)" name="priority" optional rule={draft.priority ?? null} columns={columns} onChange={(r) => patch({ priority: r })} />
        </div>
      )}
      <FormError error={error} />
      <MappingPreviewTable preview={preview} loading={loading} />
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={() => void save()} disabled={!draft} data-testid="save-mapping">
          Save mapping
        </Button>
        {savedNow && <span className="text-sm text-emerald-300">Saved</span>}
      </div>
      <ImportPanel sourceId={sourceId} file={file} format={draft?.format ?? 'csv'} saved={savedNow} jobs={jobs} />
    </section>
  );
}
