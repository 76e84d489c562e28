'use client';

import { useRouter } from 'next/navigation';
import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { SourceAdminDto } from '@/lib/domain/source';
import { sendJson } from '../../_ui/api';
import { AttributionForm } from '../../_ui/attribution-form';
import { FormError } from '../../_ui/form-error';
import { SecretOnce } from '../../_ui/secret-once';
import { INPUT, LABEL, PANEL } from '../../_ui/styles';
import { CodeMapPanel } from './code-map-panel';

interface Props {
  source: SourceAdminDto;
  agencyTimeZone: string;
  mqtt: { port: number; external: boolean };
}

/** The source's own settings: time zone, request signing, MQTT connection (sensors), code map. */
export function SourceSettings({ source, agencyTimeZone, mqtt }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  // The address the admin reached the console by is the one sensors on the same network reach the broker by.
  const host = useSyncExternalStore(noSubscribe, () => window.location.hostname, () => '<this server>');

  async function saveZone(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const tz = String(new FormData(e.currentTarget).get('timeZone') ?? '').trim();
    const res = await sendJson('PATCH', `/api/admin/sources/${source.id}`, { timeZone: tz || null });
    setError(res.ok ? null : res.error);
    if (res.ok) router.refresh();
  }
  async function signing(on: boolean) {
    const res = on ? await sendJson<{ secret: string }>('POST', `/api/admin/sources/${source.id}/hmac-secret`) : await sendJson('DELETE', `/api/admin/sources/${source.id}/hmac-secret`);
    if (!res.ok) return setError(res.error);
    setError(null);
    setSecret(on ? (res.data as { secret: string }).secret : null);
    router.refresh();
  }

  return (
    <section className={`${PANEL} grid gap-5 xl:grid-cols-3`} aria-label="Source settings">
      <div>
        <h2 className="text-sm font-semibold">Time zone</h2>
        <p className="mt-1 text-xs text-ink-muted">Local times in this source&apos;s files are read in this zone, with its daylight-saving rules. Blank: the agency&apos;s ({agencyTimeZone}).</p>
        <form onSubmit={saveZone} className="mt-2 flex items-end gap-2">
          <label className={LABEL}>
            IANA zone
            <input name="timeZone" defaultValue={source.timeZone ?? ''} placeholder={agencyTimeZone} list="time-zones" className={`${INPUT} w-56`} />
          </label>
          <Button type="submit" variant="ghost">
            Save zone
          </Button>
        </form>
        <h2 className="mt-4 text-sm font-semibold">Map credit</h2>
        <p className="mt-1 text-xs text-ink-muted">Shown on the console&apos;s map while this source is enabled: its publisher and licence.</p>
        <AttributionForm url={`/api/admin/sources/${source.id}/attribution`} initial={source.attribution} placeholder="e.g. Chicago Data Portal" />
        <datalist id="time-zones">
          {['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu', 'UTC', 'Europe/London'].map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
      <div>
        <h2 className="text-sm font-semibold">Request signing</h2>
        <p className="mt-1 text-xs text-ink-muted">
          {source.signed ? 'Every request must carry X-RTCC-Signature (HMAC-SHA256 of the body with the secret).' : 'Requests need the API key only. A secret makes the source sign every body (HMAC-SHA256).'}
        </p>
        <div className="mt-2 flex gap-2">
          <Button variant="ghost" onClick={() => void signing(true)}>
            {source.signed ? 'Rotate secret' : 'Require signed requests'}
          </Button>
          {source.signed && (
            <Button variant="ghost" onClick={() => void signing(false)}>
              Stop requiring
            </Button>
          )}
        </div>
        {secret && <SecretOnce testId="hmac-secret-once" label="Signing secret, shown only this once" value={secret} note="Install it in the source now; requests signed with the old one are refused." onDismiss={() => setSecret(null)} />}
      </div>
      {source.kind === 'sensor' ? (
        <div data-testid="mqtt-details">
          <h2 className="text-sm font-semibold">MQTT connection</h2>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-ink-muted">Host</dt>
            <dd className="font-mono">{mqtt.external ? 'the broker at MQTT_URL' : host}</dd>
            <dt className="text-ink-muted">Port</dt>
            <dd className="font-mono">{mqtt.external ? 'the broker’s' : mqtt.port}</dd>
            <dt className="text-ink-muted">Topic</dt>
            <dd className="font-mono break-all">rtcc/sensors/{source.name}/&lt;sensor id&gt;</dd>
            <dt className="text-ink-muted">Username</dt>
            <dd className="font-mono">{source.name}</dd>
            <dt className="text-ink-muted">Password</dt>
            <dd>the source&apos;s API key (key hint {source.keyHint}…; rotate it on the sources page)</dd>
          </dl>
        </div>
      ) : (
        <CodeMapPanel sourceId={source.id} />
      )}
      <FormError error={error} />
    </section>
  );
}

const noSubscribe = () => () => {};
