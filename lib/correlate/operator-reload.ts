import type pg from 'pg';
import type { Engine } from './engine';
import type { IncidentState } from './incident-state';
import { schedule } from './lifecycle';
import { linkedEvents, loadSeparations } from './read-state';

type Queryable = Pick<pg.Pool, 'query'>;

/**
 * Adopt an operator's merge or split (lib/incidents/merge-split.ts) into the engine, so the correlator builds on the
 * human decision and never undoes it: a merged incident leaves, its anchors now name the survivor; a split-off
 * incident joins with the anchors of its events; the separated pair is never merged again. Returns true when the
 * incident was handled here (the caller's usual status reload is then not needed).
 */
export async function adoptOperatorChange(db: Queryable, engine: Engine, fresh: IncidentState): Promise<boolean> {
  const held = engine.active.get(fresh.id) ?? engine.stale.get(fresh.id);
  if (fresh.status === 'merged' && fresh.mergedInto) {
    engine.forget(fresh.id);
    engine.stale.delete(fresh.id);
    engine.grid.retarget(fresh.id, fresh.mergedInto);
    const into = engine.active.get(fresh.mergedInto);
    if (into && held) {
      into.gunshots += held.gunshots;
      into.callTimes.push(...held.callTimes);
      for (const k of held.callKeys) engine.addCallKey(into, k);
      for (const u of held.units) into.units.add(u);
    }
    return true;
  }
  if (held || fresh.status === 'closed' || fresh.status === 'merged') {
    if (held) {
      // A split took events away: the counts follow what is still linked.
      held.gunshots = fresh.gunshots;
      held.callTimes = fresh.callTimes;
      held.sensorCount = fresh.sensorCount;
    }
    await loadSeparations(db, engine, [fresh.id]);
    return false;
  }
  engine.remember(fresh);
  schedule(engine, fresh, engine.watermark);
  const linked = await linkedEvents(db, fresh.id);
  engine.grid.retargetSeqs(linked.seqs, fresh.id);
  for (const s of linked.sensors) engine.bySensor.set(`${fresh.agencyId}|${s}`, fresh);
  await loadSeparations(db, engine, [fresh.id]);
  return true;
}
