'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useIncidentStore } from '@/components/live/socket-provider';
import { IncidentTeamwork, type TeamworkRights } from '@/components/teamwork/incident-teamwork';
import { HlsPlayer } from '@/components/video/hls-player';
import { useCameraIndex } from '@/components/wall/use-wall-cameras';
import { ACTIVE_STATUSES, ZIncidentDetailDto, type IncidentDetailDto, type IncidentDto } from '@/lib/domain/incident';
import { CameraPtz } from './camera-ptz';
import { IncidentActions } from './incident-actions-bar';
import { IncidentSidebar } from './incident-sidebar';
import { IncidentHeader, PriorityReasons } from './incident-summary';

const MAX_TILES = 4;
/** A busy incident changes several times a second; the detail (an audited read) is refetched at most this often. */
const REFETCH_MS = 2000;

/**
 * One incident, live: the header follows the `incidents` topic directly; the linked events, cameras, units and
 * history are refetched (throttled) whenever that incident changes.
 */
export function IncidentWorkspace({ initial, canUpdate, canControlWall, teamwork }: { initial: IncidentDetailDto; canUpdate: boolean; canControlWall: boolean; teamwork?: TeamworkRights }) {
  const id = initial.incident.id;
  const [detail, setDetail] = useState(initial);
  // Closed or merged incidents leave the active map for `ended`: the workspace must see that push too.
  const pushed = useIncidentStore((s) => s.byId.get(id) ?? s.ended.get(id));
  const incident: IncidentDto = pushed && BigInt(pushed.lastSeq) >= BigInt(detail.incident.lastSeq) && pushed.updatedAt >= detail.incident.updatedAt ? pushed : detail.incident;
  const changeKey = pushed ? `${pushed.lastSeq}:${pushed.updatedAt}:${pushed.status}` : '';

  useEffect(() => {
    if (!changeKey) return;
    const ctl = new AbortController();
    const t = setTimeout(async () => {
      try {
        const res = await fetch(`/api/incidents/${id}`, { signal: ctl.signal, cache: 'no-store' });
        const parsed = ZIncidentDetailDto.safeParse(res.ok ? await res.json() : null);
        if (parsed.success) setDetail(parsed.data);
      } catch {
        // Offline for a moment: the header still follows the socket; the next change refetches.
      }
    }, REFETCH_MS);
    return () => {
      clearTimeout(t);
      ctl.abort();
    };
  }, [id, changeKey]);

  const cameras = detail.cameras.slice(0, MAX_TILES);
  // The PTZ flag of each camera (the incident's camera list carries placement only).
  const cameraIndex = useCameraIndex();
  const active = ACTIVE_STATUSES.includes(incident.status);
  const mergedInto = incident.status === 'merged' ? incident.mergedInto : null;
  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="incident-workspace" data-incident-id={id} data-status={incident.status}>
      <IncidentHeader incident={incident}>
        <IncidentActions incident={incident} canUpdate={canUpdate} canControlWall={canControlWall} />
      </IncidentHeader>
      {mergedInto && <MergedBanner intoId={mergedInto} />}
      <div className="grid min-h-0 flex-1 grid-cols-1 overflow-y-auto lg:grid-cols-[minmax(0,1fr)_380px] lg:overflow-hidden">
        {/* min-h-0 only beside the sidebar (lg): in the one-column tablet layout it let the grid squeeze this row to
            half the screen, and "why priority" was cut off under the timeline. */}
        <section aria-label="Cameras and reasons" className="flex flex-col gap-3 p-3 lg:min-h-0 lg:overflow-y-auto">
          {cameras.length === 0 ? (
            <p className="rounded border border-line p-6 text-center text-sm text-ink-muted">No camera covers this location.</p>
          ) : (
            // At most 60 % of the screen's height for the video (one tile or a 2×2 grid), so "why priority" stays in view.
            <div className={`grid gap-2 lg:max-w-[calc(60vh*16/9)] ${cameras.length > 1 ? 'grid-cols-2' : 'grid-cols-1'}`}>
              {cameras.map((c) => (
                <figure key={c.id} className="m-0">
                  <HlsPlayer cameraId={c.id} name={c.name} className="aspect-video w-full rounded" />
                  <figcaption className="mt-1 flex items-start gap-2 text-xs text-ink-muted tabular">
                    <span className="mt-1">{Math.round(c.distanceM)} m from the incident</span>
                    {canControlWall && cameraIndex.get(c.id)?.ptz && (
                      <CameraPtz cameraId={c.id} name={c.name} />
                    )}
                  </figcaption>
                </figure>
              ))}
            </div>
          )}
          <PriorityReasons incident={incident} />
          {teamwork && <IncidentTeamwork detail={detail} rights={teamwork} />}
        </section>
        <IncidentSidebar detail={detail} canSplit={canUpdate && active} />
      </div>
    </div>
  );
}

/** This incident was folded into another (by anyone): say so and lead there, the survivor is where work goes on. */
function MergedBanner({ intoId }: { intoId: string }) {
  const into = useIncidentStore((s) => s.byId.get(intoId) ?? s.ended.get(intoId));
  return (
    <p role="status" data-testid="merged-banner" className="flex flex-wrap items-center gap-2 border-b border-line bg-panel-raised px-4 py-2 text-sm">
      Merged into {into ? `#${into.number} ${into.title}` : 'another incident'}.
      <Link href={`/incidents/${intoId}`} className="inline-flex min-h-11 items-center rounded border border-accent px-3 font-semibold">
        Open it
      </Link>
    </p>
  );
}
