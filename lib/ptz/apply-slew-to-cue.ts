import type pg from 'pg';
import { audit } from '@/lib/audit/audit';
import type { BatchOutput } from '@/lib/correlate/engine';
import { priorityBand } from '@/lib/domain/priority-band';
import { insertNote } from '@/lib/notes/note-rows';
import { pushNote } from '@/lib/notes/push-notes';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import type { Runtime } from '@/lib/platform/runtime';
import { absoluteMove, gotoPreset, listPresets, onvifSession } from './onvif-device';
import { selectControllableCameras, type PtzCamera } from './ptz-sql';
import { aimAt, distanceM, type Aim } from './slew-geometry';

type Rt = Pick<Runtime, 'pool' | 'io'> & Partial<Pick<Runtime, 'env'>>;
type Env = Pick<Runtime, 'env'>;

interface Cue {
  agencyId: string;
  ruleId: string;
  incidentId: string;
  number: string;
  lat: number;
  lon: number;
}

interface Outcome {
  camera: PtzCamera | null;
  aim: Aim | null;
  distance: number | null;
  outcome: string;
}

/**
 * The `slew_to_cue` rule action, after the batch that fired it has committed: a situation the batch scored P1 for
 * the first time gets the nearest controllable PTZ camera within its range turned to it (the nearest preset whose
 * view covers it, else an absolute pan from the bearing), with an audit row (actor `rule:<id>`) and a note on the
 * incident's timeline, also when no camera could do it. One cue per situation (`ptz_cue` primary key). Runs behind
 * the previous call; a failure is logged and never stops the correlator.
 */
export function createSlewToCue(rt: Rt, log: (line: string) => void): (out: BatchOutput) => Promise<void> {
  let chain: Promise<void> = Promise.resolve();
  return (out) => {
    const cues = new Map<string, Cue>();
    for (const p of out.pushes) {
      if (p.type !== 'slew' || cues.has(p.incidentId)) continue;
      const inc = out.incidents.find((i) => i.id === p.incidentId);
      if (!inc || priorityBand(inc.score) !== 1 || inc.lat === null || inc.lon === null || inc.status === 'closed') continue;
      cues.set(p.incidentId, { agencyId: p.agencyId, ruleId: p.ruleId, incidentId: inc.id, number: inc.number, lat: inc.lat, lon: inc.lon });
    }
    if (!cues.size) return chain;
    const env = rt.env;
    if (!env) {
      log('[ptz] slew-to-cue requested but this correlator has no configuration to reach cameras with');
      return chain;
    }
    chain = chain.then(async () => {
      for (const cue of cues.values()) {
        try {
          await cueOne({ ...rt, env }, cue);
        } catch (err) {
          log(`[ptz] rule ${cue.ruleId}: slew-to-cue for incident ${cue.incidentId} failed: ${(err as Error).message}`);
        }
      }
    });
    return chain;
  };
}

async function claim(pool: pg.Pool, cue: Cue): Promise<boolean> {
  const { rowCount } = await pool.query(
    `INSERT INTO ptz_cue (incident_id, agency_id, rule_id, method, outcome) VALUES ($1, $2, $3, 'none', 'pending') ON CONFLICT (incident_id) DO NOTHING`,
    [cue.incidentId, cue.agencyId, cue.ruleId],
  );
  return (rowCount ?? 0) > 0;
}

/** Try the cameras in range, nearest first, until one turns. */
async function turn(rt: Env & Pick<Runtime, 'pool'>, cue: Cue): Promise<Outcome> {
  const inRange = (await selectControllableCameras(rt.pool, cue.agencyId))
    .map((camera) => ({ camera, distance: distanceM(camera, cue) }))
    .filter((c) => c.distance <= c.camera.rangeM)
    .sort((a, b) => a.distance - b.distance);
  if (!inRange.length) return { camera: null, aim: null, distance: null, outcome: 'no PTZ camera in range' };
  let last: Outcome | null = null;
  for (const { camera, distance } of inRange) {
    const target = camera.target!;
    try {
      const session = await onvifSession(rt, target);
      const presets = camera.heading === null ? [] : await listPresets(rt, target);
      const aim = aimAt(camera, cue, presets, session.absolute);
      if (aim.method === 'preset') await gotoPreset(rt, target, aim.token);
      else if (aim.method === 'absolute') await absoluteMove(rt, target, aim.pan, 0);
      last = { camera, aim, distance, outcome: aim.method === 'none' ? `not turned: ${aim.why}` : 'moved' };
    } catch (err) {
      last = { camera, aim: null, distance, outcome: `failed: ${(err as Error).message.slice(0, 200)}` };
    }
    if (last.outcome === 'moved') return last;
  }
  return last!;
}

function noteText(o: Outcome): string {
  if (!o.camera) return 'Slew-to-cue: no PTZ camera is in range of this place.';
  const where = o.aim ? `, bearing ${Math.round(o.aim.bearing)}°` : '';
  const dist = o.distance === null ? '' : `, ${Math.round(o.distance)} m away`;
  if (o.outcome !== 'moved') return `Slew-to-cue: PTZ camera “${o.camera.name}”${dist} was not turned (${o.outcome.replace(/^not turned: /, '')}).`;
  const how = o.aim?.method === 'preset' ? `to preset “${o.aim.name}”` : 'by an absolute pan';
  return `Slew-to-cue: PTZ camera “${o.camera.name}” turned ${how}${where}${dist}.`;
}

async function cueOne(rt: Env & Pick<Runtime, 'pool' | 'io'>, cue: Cue): Promise<void> {
  if (!(await claim(rt.pool, cue))) return;
  const o = await turn(rt, cue);
  const aim = o.aim;
  const note = await withTransaction(rt.pool, async (client) => {
    await client.query(
      `UPDATE ptz_cue SET camera_id = $2, method = $3, preset_token = $4, bearing_deg = $5, distance_m = $6, outcome = $7 WHERE incident_id = $1`,
      [cue.incidentId, o.camera?.id ?? null, aim?.method ?? 'none', aim?.method === 'preset' ? aim.token : null, aim?.bearing ?? null, o.distance, o.outcome],
    );
    await audit(client, {
      actorLabel: `rule:${cue.ruleId}`, agencyId: cue.agencyId, action: 'camera.ptz.cue', targetType: 'camera', targetId: o.camera?.id ?? null,
      outcome: o.outcome === 'moved' ? 'allow' : 'error',
      details: { incidentId: cue.incidentId, method: aim?.method ?? 'none', preset: aim?.method === 'preset' ? aim.token : null, pan: aim?.method === 'absolute' ? aim.pan : null, bearing: aim ? Math.round(aim.bearing * 10) / 10 : null, distanceM: o.distance === null ? null : Math.round(o.distance), outcome: o.outcome },
    });
    return insertNote(client, { incidentId: cue.incidentId, agencyId: cue.agencyId, author: null, authorName: 'Slew-to-cue', kind: 'note', body: noteText(o) });
  });
  pushNote(rt, cue.agencyId, cue.number, note);
}
