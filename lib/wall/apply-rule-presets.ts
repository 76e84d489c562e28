import type { BatchOutput } from '@/lib/correlate/engine';
import type { Runtime } from '@/lib/platform/runtime';
import { selectPresetByName } from './preset-sql';
import { applyPreset } from './presets';

type Rt = Pick<Runtime, 'pool' | 'io'>;

/**
 * The `wall_preset` rule action, after the batch that fired it has committed: the named preset becomes the
 * agency's wall (stored, audited as the rule, pushed live as `wall`). Per agency only the batch's last request
 * counts (a burst of matching events must not flicker the wall through the same switch). Runs behind the previous
 * call so walls switch in rule order; a failure is logged and never stops the correlator.
 */
export function createRulePresetApplier(rt: Rt, log: (line: string) => void): (out: BatchOutput) => Promise<void> {
  let chain: Promise<void> = Promise.resolve();
  return (out) => {
    const last = new Map<string, { ruleId: string; preset: string }>();
    for (const p of out.pushes) if (p.type === 'preset') last.set(p.agencyId, { ruleId: p.ruleId, preset: p.preset });
    if (!last.size) return chain;
    chain = chain.then(async () => {
      for (const [agencyId, req] of last) {
        try {
          const preset = await selectPresetByName(rt.pool, agencyId, req.preset);
          if (!preset) {
            log(`[wall] rule ${req.ruleId}: no wall preset named “${req.preset}” in agency ${agencyId}`);
            continue;
          }
          await applyPreset(rt, agencyId, preset, { ruleId: req.ruleId });
        } catch (err) {
          log(`[wall] rule ${req.ruleId}: switching to preset “${req.preset}” failed: ${(err as Error).message}`);
        }
      }
    });
    return chain;
  };
}
