import type { IncidentDetailDto } from '@/lib/domain/incident';
import { UNIT_STATUS_LABEL } from '@/lib/domain/unit';
import { IncidentTimeline } from './incident-timeline';

const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Timeline of linked events (where events are split out), units (linked and nearest available) and the change history. */
export function IncidentSidebar({ detail, canSplit }: { detail: IncidentDetailDto; canSplit: boolean }) {
  return (
    <aside className="flex flex-col gap-3 border-l border-line bg-panel p-3 lg:min-h-0 lg:overflow-y-auto">
      <IncidentTimeline detail={detail} canSplit={canSplit} />
      <Block title="Nearest available units">
        {detail.nearestUnits.length === 0 ? (
          <Empty>No unit position known nearby.</Empty>
        ) : (
          <ul className="space-y-1 text-sm">
            {detail.nearestUnits.map((u) => (
              <li key={u.id} className="flex gap-2">
                <span className="font-semibold">{u.callSign}</span>
                <span className="text-ink-muted capitalize">{u.status}</span>
                <span className="ml-auto tabular">{(u.distanceM / 1000).toFixed(1)} km</span>
              </li>
            ))}
          </ul>
        )}
      </Block>
      <Block title="Assigned units">
        {detail.units.length === 0 ? (
          <Empty>None yet.</Empty>
        ) : (
          <ul className="space-y-1 text-sm">
            {detail.units.map((u) => (
              <li key={u.callSign} className="flex gap-2" data-testid="incident-unit" data-status={u.status}>
                <span className="font-semibold">{u.callSign}</span>
                <span className={u.status === 'on_scene' ? 'font-semibold text-danger' : 'text-ink-muted'}>{UNIT_STATUS_LABEL[u.status] ?? u.status.replace(/_/g, ' ')}</span>
                <span className="text-xs text-ink-muted">{u.source}</span>
                <time className="ml-auto text-ink-muted">{time(u.linkedAt)}</time>
              </li>
            ))}
          </ul>
        )}
      </Block>
      <Block title="History">
        <ol className="space-y-1 text-xs">
          {detail.history.map((h, i) => (
            <li key={`${h.at}-${i}`}>
              <time className="text-ink-muted">{time(h.at)}</time> <span className="font-semibold">{h.actorName}</span> {h.change} (score {h.score})
            </li>
          ))}
        </ol>
      </Block>
    </aside>
  );
}

function Block({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded border border-line p-3">
      <h2 className="mb-2 text-sm font-semibold tracking-wide uppercase">{title}</h2>
      {children}
    </section>
  );
}

const Empty = ({ children }: { children: React.ReactNode }) => <p className="text-sm text-ink-muted">{children}</p>;
