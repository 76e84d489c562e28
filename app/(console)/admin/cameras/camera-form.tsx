'use client';

import { useEffect, useRef, useState, type FormEvent, type InputHTMLAttributes } from 'react';
import type { CameraAdminDto } from '@/lib/domain/camera-admin';
import type { FieldIssue } from '@/lib/platform/errors/app-error';
import { issuesFor } from '../_ui/api';
import { FormActions } from '../_ui/form-actions';
import { FieldError } from '../_ui/form-error';
import { INPUT, LABEL, PANEL } from '../_ui/styles';
import { Options } from '@/components/ui/options';

interface Props {
  camera: CameraAdminDto | null;
  owners: string[];
  streamKinds: string[];
  issues: FieldIssue[];
  onSave: (body: Record<string, unknown>) => Promise<boolean>;
  onCancel: () => void;
}

/** A number when the text is one; otherwise the text itself, so the API names the field instead of seeing null. */
const num = (v: string) => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);

export function CameraForm({ camera, owners, streamKinds, issues, onSave, onCancel }: Props) {
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLElement>(null);
  // Edit is clicked in the table below: bring the form into view.
  useEffect(() => {
    if (camera) ref.current?.scrollIntoView({ block: 'start' });
  }, [camera]);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const s = (k: string) => String(f.get(k) ?? '');
    const body: Record<string, unknown> = {
      externalId: s('externalId'),
      name: s('name'),
      lat: num(s('lat')),
      lon: num(s('lon')),
      heading: s('heading').trim() === '' ? null : num(s('heading')),
      fovDeg: num(s('fovDeg')),
      rangeM: num(s('rangeM')),
      ptz: f.get('ptz') === 'on',
      // Blank: a location-only camera; its stream can be added later.
      streamUrl: s('streamUrl').trim() || null,
      // Blank: an rtsp camera plays through the app's own restreamer.
      restreamUrl: s('restreamUrl').trim() || null,
      owner: s('owner'),
      ...(s('streamKind') ? { streamKind: s('streamKind') } : {}),
    };
    setBusy(true);
    const ok = await onSave(body);
    setBusy(false);
    if (ok && !camera) form.reset();
  }
  const field = (name: string, label: string, props: InputHTMLAttributes<HTMLInputElement>, width = 'w-28') => (
    <label className={LABEL}>
      {label}
      <input name={name} className={`${INPUT} ${width}`} aria-invalid={issuesFor(issues, name).length > 0} {...props} />
      <FieldError issues={issuesFor(issues, name)} />
    </label>
  );
  return (
    <section ref={ref} className={PANEL} aria-labelledby="camera-form-title">
      <h2 id="camera-form-title" className="text-sm font-semibold">
        {camera ? `Edit “${camera.name}”` : 'New camera'}
      </h2>
      <form onSubmit={submit} className="mt-3 flex flex-wrap items-start gap-4">
        {field('externalId', 'External id', { defaultValue: camera?.externalId, required: true, readOnly: !!camera, placeholder: 'vms-0042' }, 'w-40')}
        {field('name', 'Name', { defaultValue: camera?.name, required: true, placeholder: 'Market & 5th NE' }, 'w-60')}
        {field('lat', 'Latitude', { defaultValue: camera?.lat, required: true, inputMode: 'decimal', placeholder: '37.7840' })}
        {field('lon', 'Longitude', { defaultValue: camera?.lon, required: true, inputMode: 'decimal', placeholder: '-122.4075' })}
        {field('heading', 'Heading °', { defaultValue: camera?.heading ?? '', inputMode: 'decimal', placeholder: 'unknown' }, 'w-24')}
        {field('fovDeg', 'FOV °', { defaultValue: camera?.fovDeg ?? 60, inputMode: 'decimal' }, 'w-20')}
        {field('rangeM', 'Range m', { defaultValue: camera?.rangeM ?? 150, inputMode: 'decimal' }, 'w-24')}
        <label className={`${LABEL} items-center`}>
          PTZ
          <input name="ptz" type="checkbox" defaultChecked={camera?.ptz ?? false} className="mt-2 size-4 accent-sky-400" />
        </label>
        {field('streamUrl', 'Stream URL (HLS .m3u8, JPEG or rtsp://; blank: location only)', { defaultValue: camera?.streamUrl ?? '', type: 'url', placeholder: 'https://vms.example.gov/cam42/index.m3u8' }, 'w-[28rem]')}
        {field('restreamUrl', 'External restreamer HLS (rtsp only; blank: built-in)', { defaultValue: camera?.restreamUrl ?? '', type: 'url', placeholder: 'http://mediamtx:8888/cam42/index.m3u8' }, 'w-[24rem]')}
        <label className={LABEL}>
          Stream kind
          <select name="streamKind" defaultValue={camera?.streamKind ?? ''} className={`${INPUT} w-32`}>
            <option value="">from URL</option>
            <Options options={streamKinds} />
          </select>
        </label>
        <label className={LABEL}>
          Owner
          <select name="owner" defaultValue={camera?.owner ?? 'city'} className={`${INPUT} w-32`}>
            <Options options={owners} />
          </select>
          <FieldError issues={issuesFor(issues, 'owner')} />
        </label>
        <FormActions submit={camera ? 'Save changes' : 'Add camera'} busy={busy} onCancel={camera ? onCancel : undefined} className="mt-5 flex gap-2" />
      </form>
    </section>
  );
}
