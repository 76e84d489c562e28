import { ACTIVE_STATUSES, ZIncidentDto, type IncidentDto } from '@/lib/domain/incident';

/**
 * The browser's copy of the agency's active incidents, outside React (the `incidents` topic).
 *
 * Two feeds fill it: a REST snapshot (`GET /api/incidents?status=open`) after every (re)connect, and live
 * `incidents` socket pushes. They can race, so each incident keeps the newest version by `lastSeq`, then
 * `updatedAt`: an older snapshot row never overwrites a newer push. Closed and merged incidents leave the
 * queue. `sorted` is an immutable array replaced per change, so selectors compare by identity.
 */
export interface IncidentStoreState {
  readonly version: number;
  /** Active incidents, highest score first, then oldest first (it has waited longest). */
  readonly sorted: readonly IncidentDto[];
  readonly byId: ReadonlyMap<string, IncidentDto>;
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
}

const EMPTY: IncidentStoreState = { version: 0, sorted: [], byId: new Map() };

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
  const listeners = new Set<() => void>();
  const newListeners = new Set<(incidents: IncidentDto[]) => void>();
  let state = EMPTY;
  // Ids seen closed: a stale snapshot row must not bring them back.
  const closed = new Map<string, IncidentDto>();
  const receivedAt = new Map<string, number>();

  function commit(byId: Map<string, IncidentDto>): void {
    state = { version: state.version + 1, byId, sorted: [...byId.values()].sort(compareIncidents) };
    for (const l of listeners) l();
  }

  function merge(byId: Map<string, IncidentDto>, inc: IncidentDto): 'new' | 'changed' | 'same' {
    const prev = byId.get(inc.id) ?? closed.get(inc.id);
    if (prev && !isNewer(inc, prev)) return 'same';
    if (!ACTIVE_STATUSES.includes(inc.status)) {
      closed.set(inc.id, inc);
      receivedAt.delete(inc.id);
      return byId.delete(inc.id) ? 'changed' : 'same';
    }
    closed.delete(inc.id);
    byId.set(inc.id, inc);
    receivedAt.set(inc.id, Date.now());
    return prev ? 'changed' : 'new';
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getState: () => state,
    apply(incidents) {
      const byId = new Map(state.byId);
      const fresh: IncidentDto[] = [];
      let changed = false;
      for (const raw of incidents) {
        const inc = parse(raw);
        if (!inc) continue;
        const r = merge(byId, inc);
        if (r === 'new') fresh.push(inc);
        if (r !== 'same') changed = true;
      }
      if (changed) commit(byId);
      if (fresh.length) for (const l of newListeners) l(fresh);
      return fresh;
    },
    applySnapshot(incidents, requestedAtMs) {
      const parsed = incidents.map(parse).filter((i): i is IncidentDto => i !== null);
      const inSnapshot = new Set(parsed.map((i) => i.id));
      const byId = new Map(state.byId);
      // Gone from the snapshot: closed (or merged) while this tab was disconnected.
      for (const id of byId.keys()) if (!inSnapshot.has(id) && (receivedAt.get(id) ?? 0) < requestedAtMs) byId.delete(id);
      for (const inc of parsed) merge(byId, inc);
      commit(byId);
    },
    onNew(listener) {
      newListeners.add(listener);
      return () => newListeners.delete(listener);
    },
  };
}
