'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { AgencyDto } from '@/lib/domain/agency';
import { AdminPanel } from '../_ui/admin-panel';
import { AdminTable } from '../_ui/admin-table';
import { TextField } from '../_ui/fields';
import { FormError } from '../_ui/form-error';
import { SecretOnce } from '../_ui/secret-once';
import { INPUT, LINK_BUTTON, TD } from '../_ui/styles';
import { useAdminApi } from '../_ui/use-admin-api';

const num = (v: FormDataEntryValue | null) => (String(v ?? '').trim() === '' ? null : Number(v));

/** Create an agency (with its first administrator) and rename agencies. */
export function AgenciesManager({ agencies }: { agencies: AgencyDto[] }) {
  const { send, error, issues } = useAdminApi();
  const [created, setCreated] = useState<{ agency: string; username: string; password: string } | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const s = (k: string) => String(f.get(k) ?? '').trim();
    const lat = num(f.get('lat'));
    const lon = num(f.get('lon'));
    const body = {
      name: s('name'),
      slug: s('slug'),
      timeZone: s('timeZone'),
      home: lat !== null && lon !== null ? { lat, lon, zoom: num(f.get('zoom')) ?? 11 } : null,
      admin: s('adminUsername') ? { username: s('adminUsername'), displayName: s('adminName') || s('adminUsername') } : null,
    };
    const res = await send<{ agency: AgencyDto; admin: { username: string; temporaryPassword: string } | null }>('POST', '/api/platform/agencies', body);
    if (!res.ok) return;
    form.reset();
    if (res.data.admin) setCreated({ agency: res.data.agency.name, username: res.data.admin.username, password: res.data.admin.temporaryPassword });
  }

  async function rename(a: AgencyDto, name: string) {
    if ((await send('PATCH', `/api/platform/agencies/${a.id}`, { name })).ok) setRenaming(null);
  }

  const field = (name: string, label: string, props: React.InputHTMLAttributes<HTMLInputElement>, width = 'w-40', path = name) => (
    <TextField label={label} name={name} aria-label={label} path={path} issues={issues} className={`${width} normal-case`} {...props} />
  );
  return (
    <div className="flex flex-col gap-5">
      <AdminPanel id="new-agency" title="New agency">
        <form onSubmit={create} className="mt-3 flex flex-wrap items-start gap-4" data-testid="agency-form">
          {field('name', 'Name', { required: true, placeholder: 'Chicago Police Department' }, 'w-64')}
          {field('slug', 'Slug', { required: true, placeholder: 'chicago-pd', pattern: '[a-z0-9]+(-[a-z0-9]+)*' })}
          {field('timeZone', 'Time zone', { required: true, placeholder: 'America/Chicago', list: 'agency-zones' }, 'w-48')}
          {field('lat', 'Home latitude', { inputMode: 'decimal', placeholder: '41.84' }, 'w-28', 'home.lat')}
          {field('lon', 'Home longitude', { inputMode: 'decimal', placeholder: '-87.68' }, 'w-28', 'home.lon')}
          {field('zoom', 'Zoom', { inputMode: 'decimal', placeholder: '11' }, 'w-20', 'home.zoom')}
          {field('adminUsername', 'First admin username', { placeholder: 'cpd-admin' }, 'w-44', 'admin.username')}
          {field('adminName', 'First admin name', { placeholder: 'Jane Doe' }, 'w-44', 'admin.displayName')}
          <Button type="submit" className="mt-5">
            Create agency
          </Button>
        </form>
        <datalist id="agency-zones">
          {['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu', 'UTC'].map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <div className="mt-3 flex flex-col gap-3">
          <FormError error={error?.message ?? null} issues={issues} />
          {created && (
            <SecretOnce
              testId="agency-admin-password"
              label={`Temporary password of “${created.username}”, first administrator of ${created.agency}. Shown only this once.`}
              value={created.password}
              note="Give it to them by a separate channel; they sign in and set up the agency (sources, users, jurisdiction)."
              onDismiss={() => setCreated(null)}
            />
          )}
        </div>
      </AdminPanel>
      <AdminTable testId="agencies-table" headings={['Name', 'Slug', 'Time zone', 'Home view', 'Jurisdiction', 'Districts', 'Users', 'Sources', '']}>
        {agencies.map((a) => (
          <tr key={a.id} data-testid="agency-row">
            <td className={`${TD} font-semibold`}>
              {renaming === a.id ? (
                <form onSubmit={(e) => (e.preventDefault(), void rename(a, String(new FormData(e.currentTarget).get('name') ?? '')))} className="flex gap-2">
                  <input name="name" aria-label="New name" defaultValue={a.name} className={`${INPUT} w-56`} />
                  <Button type="submit" variant="ghost">
                    Save
                  </Button>
                </form>
              ) : (
                a.name
              )}
            </td>
            <td className={`${TD} font-mono`}>{a.slug}</td>
            <td className={TD}>{a.timeZone}</td>
            <td className={`${TD} tabular-nums`}>{a.home ? `${a.home.lat.toFixed(3)}, ${a.home.lon.toFixed(3)} z${a.home.zoom}` : '—'}</td>
            <td className={TD}>{a.hasJurisdiction ? 'set' : '—'}</td>
            <td className={`${TD} tabular-nums`}>{a.districts}</td>
            <td className={`${TD} tabular-nums`}>{a.users}</td>
            <td className={`${TD} tabular-nums`}>{a.sources}</td>
            <td className={`${TD} text-right`}>
              <button type="button" className={LINK_BUTTON} onClick={() => setRenaming(renaming === a.id ? null : a.id)}>
                {renaming === a.id ? 'Cancel' : 'Rename'}
              </button>
            </td>
          </tr>
        ))}
      </AdminTable>
    </div>
  );
}
