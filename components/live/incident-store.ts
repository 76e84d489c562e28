import { ACTIVE_STATUSES, ZIncidentDto, type IncidentDto } from '@/lib/domain/incident';
import { createListeners } from './listeners';

/**
 * The browser's copy of the agency's active incidents, outside React (the `incidents` topic).
 *
 * Two feeds fill it: a REST snapshot (every page of `GET /api/incidents?status=active`) after every (re)connect, and live
 * `incidents` socket pushes. They can race, so each incident keeps the newest version by `lastSeq`, then
 * `updatedAt`: an older snapshot row never overwrites a newer push. Closed and merged incidents leave the
 * queue. `sorted` is an immutable array replaced per change, so selectors compare by identity.
 */
export interface IncidentStoreState {
  readonly version: number;
  /** Active incidents, highest score first, then oldest first (it has waited longest). */
  readonly sorted: readonly IncidentDto[];
  readonly byId: ReadonlyMap<string, IncidentDto>;
  /** Incidents seen closed or merged (the newest few hundred): an open workspace shows the end, not its last open state. */
  readonly ended: ReadonlyMap<string, IncidentDto>;
}

export interface IncidentStore {
  subscribe(listener: () => void): () => void;
  getState(): IncidentStoreState;
  /** Apply a socket push or a snapshot; returns the incidents that were not known before (for toasts). */
  apply(incidents: readonly unknown[]): IncidentDto[];
  /**
   * Replace what the snapshot supersedes: incidents closed while we were away disappear, but one pushed after
   * the request left (client clock `requestedAtMs`) stays, as the snapshot could not know it.
   */
  applySnapshot(incidents: readonly unknown[], requestedAtMs: number): void;
  /** A new incident arrived; listeners get it once (toasts, sound). Not fired for snapshots. */
  onNew(listener: (incidents: IncidentDto[]) => void): () => void;
  /**
   * Every version that changed the store (new, changed, closed), pushes and snapshots alike, and after a snapshot
   * `snapshot: true`: views that page the queue from the server (components/queue) merge these or reload.
   */
  onChange(listener: (changed: readonly IncidentDto[], snapshot: boolean) => void): () => void;
}

/** How many ended incidents the store remembers (for open workspaces and stale snapshot rows). */
const ENDED_KEPT = 500;

const EMPTY: IncidentStoreState = { version: 0, sorted: [], byId: new Map(), ended: new Map() };

export function compareIncidents(a: IncidentDto, b: IncidentDto): number {
  return b.score - a.score || a.openedAt.localeCompare(b.openedAt) || a.id.localeCompare(b.id);
}

function isNewer(next: IncidentDto, prev: IncidentDto): boolean {
  const ns = BigInt(next.lastSeq);
  const ps = BigInt(prev.lastSeq);
  return ns !== ps ? ns > ps : next.updatedAt >= prev.updatedAt;
}

function parse(raw: unknown): IncidentDto | null {
  const p = ZIncidentDto.safeParse(raw);
  return p.success && /^\d{1,20}$/.test(p.data.lastSeq) ? p.data : null;
}

export function createIncidentStore(): IncidentStore {
  const listeners = createListeners();
  const newListeners = createListeners<[incidents: IncidentDto[]]>();
  const changeListeners = createListeners<[changed: readonly IncidentDto[], snapshot: boolean]>();
  let state = EMPTY;
  // Ids seen closed: a stale snapshot row must not bring them back.
  const closed = new Map<string, IncidentDto>();
  const receivedAt = new Map<string, number>();

  function commit(byId: Map<string, IncidentDto>, endedChanged: boolean): void {
    state = { version: state.version + 1, byId, sorted: [...byId.values()].sort(compareIncidents), ended: endedChanged ? new Map(closed) : state.ended };
    listeners.emit();
  }

  function merge(byId: Map<string, IncidentDto>, inc: IncidentDto): 'new' | 'changed' | 'ended' | 'same' {
    const prev = byId.get(inc.id) ?? closed.get(inc.id);
    if (prev && !isNewer(inc, prev)) return 'same';
    if (!ACTIVE_STATUSES.includes(inc.status)) {
      closed.delete(inc.id);
      closed.set(inc.id, inc);
      if (closed.size > ENDED_KEPT) closed.delete(closed.keys().next().value!);
      receivedAt.delete(inc.id);
      byId.delete(inc.id);
      return 'ended';
    }
    closed.delete(inc.id);
    byId.set(inc.id, inc);
    receivedAt.set(inc.id, Date.now());
    return prev ? 'changed' : 'new';
  }

  return {
    subscribe: listeners.add,
    getState: () => state,
    apply(incidents) {
      const byId = new Map(state.byId);
      const fresh: IncidentDto[] = [];
      const changed: IncidentDto[] = [];
      let ended = false;
      for (const raw of incidents) {
        const inc = parse(raw);
        if (!inc) {
          console.warn('[rtcc] incident push refused by its schema', raw);
          continue;
        }
        const r = merge(byId, inc);
        if (r === 'new') fresh.push(inc);
        if (r === 'ended') ended = true;
        if (r !== 'same') changed.push(inc);
      }
      if (changed.length) commit(byId, ended);
      if (changed.length) changeListeners.emit(changed, false);
      if (fresh.length) newListeners.emit(fresh);
      return fresh;
    },
    applySnapshot(incidents, requestedAtMs) {
      const parsed = incidents.map(parse).filter((i): i is IncidentDto => i !== null);
      const inSnapshot = new Set(parsed.map((i) => i.id));
      const byId = new Map(state.byId);
      // Gone from the snapshot: closed (or merged) while this tab was disconnected.
      for (const id of byId.keys()) if (!inSnapshot.has(id) && (receivedAt.get(id) ?? 0) < requestedAtMs) byId.delete(id);
      const changed = parsed.filter((inc) => merge(byId, inc) !== 'same');
      commit(byId, true);
      changeListeners.emit(changed, true);
    },
    onNew: newListeners.add,
    onChange: changeListeners.add,
  };
}
