'use client';

import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { RuleDto, RuleInput } from '@/lib/domain/rule';
import type { FieldIssue } from '@/lib/platform/errors/app-error';
import type { RulePreview } from '@/lib/rules/preview-rule';
import { sendJson } from '../_ui/api';
import { FormActions } from '../_ui/form-actions';
import { FormError } from '../_ui/form-error';
import { INPUT, PANEL } from '../_ui/styles';
import { bodyOf, draftOf, type Draft } from './rule-draft';
import { RuleForm } from './rule-form';
import { RulePreviewPanel } from './rule-preview';

/** A starting point that validates as is: shots inside a school zone get a higher priority and the nearest cameras. */
const TEMPLATE: RuleInput = {
  name: 'Shots near a school',
  enabled: true,
  premise: { kind: 'gunshot', conditions: [], geofence: { kind: 'school', relation: 'inside' } },
  actions: [
    { type: 'raise_priority', by: 20 },
    { type: 'attach_cameras', count: 4 },
  ],
};

type Problem = { message: string; issues: FieldIssue[] };

interface Props {
  rule: RuleDto | null;
  /** The agency's zone: a new time-of-day window is read in it. */
  zone: string;
  onSave: (id: string | null, body: unknown) => Promise<Problem | null>;
  onCancel: () => void;
}

/**
 * A rule as a form, with a preview of what it would have matched; the raw JSON as an advanced view for what the
 * form does not show (a geofence by id). Either view saves; the API's zod issues come back by path and are listed.
 */
export function RuleEditor({ rule, zone, onSave, onCancel }: Props) {
  const initial = rule ? { name: rule.name, enabled: rule.enabled, premise: rule.premise, actions: rule.actions } : TEMPLATE;
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial, zone));
  const [json, setJson] = useState<string | null>(null);
  const [error, setError] = useState<Problem | null>(null);
  const [preview, setPreview] = useState<RulePreview | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLElement>(null);
  const geofenceId = initial.premise.geofence?.id;
  useEffect(() => {
    if (rule) ref.current?.scrollIntoView({ block: 'start' });
  }, [rule]);

  /** The body of the view on screen, or null (and the error shown) when the JSON does not parse. */
  function body(): unknown {
    if (json === null) return bodyOf(draft, geofenceId);
    try {
      return JSON.parse(json) as unknown;
    } catch (err) {
      setError({ message: `Not valid JSON: ${(err as Error).message}`, issues: [] });
      return null;
    }
  }

  function toggleJson() {
    if (json === null) return setJson(JSON.stringify(bodyOf(draft, geofenceId), null, 2));
    const b = body();
    if (b === null) return;
    try {
      setDraft(draftOf(b as RuleInput, zone));
      setJson(null);
      setError(null);
    } catch {
      setError({ message: 'This JSON is not a rule the form can show: fix it here first', issues: [] });
    }
  }

  async function runPreview() {
    const b = body() as { premise?: unknown } | null;
    if (b === null) return;
    setBusy(true);
    const res = await sendJson<RulePreview>('POST', '/api/admin/rules/preview', { premise: b.premise });
    setBusy(false);
    setPreview(res.ok ? res.data : null);
    setError(res.ok ? null : { message: res.error, issues: res.issues });
  }

  async function save() {
    const b = body();
    if (b === null) return;
    setBusy(true);
    const problem = await onSave(rule?.id ?? null, b);
    setBusy(false);
    setError(problem);
  }

  return (
    <section ref={ref} className={PANEL} aria-labelledby="rule-editor-title">
      <div className="flex items-center justify-between">
        <h2 id="rule-editor-title" className="text-sm font-semibold">
          {rule ? `Edit “${rule.name}”` : 'New rule'}
        </h2>
        <Button variant="ghost" onClick={toggleJson}>
          {json === null ? 'Advanced: JSON' : 'Back to the form'}
        </Button>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        className="mt-3 flex flex-col gap-3"
      >
        {json === null ? (
          <RuleForm draft={draft} zone={zone} onChange={setDraft} />
        ) : (
          <>
            <textarea name="rule" aria-label="Rule JSON" rows={14} spellCheck={false} value={json} onChange={(e) => setJson(e.target.value)} className={`${INPUT} font-mono text-xs leading-5`} aria-invalid={!!error} />
            <p className="text-xs text-ink-muted">
              premise.kind: an event kind; conditions: <code>{'{ field, op, value }'}</code> on typeCode, priority, title, address or payload.&lt;key&gt;;
              geofence by <code>kind</code> or <code>id</code>; actions: raise_priority, open_alert, attach_cameras, notify, wall_preset, slew_to_cue.
            </p>
          </>
        )}
        {error && (
          <div data-testid="rule-issues">
            <FormError error={error.message} issues={error.issues} id="rule-error" />
          </div>
        )}
        {preview && <RulePreviewPanel preview={preview} />}
        <FormActions submit={rule ? 'Save rule' : 'Create rule'} busy={busy} onCancel={rule ? onCancel : undefined}>
          <Button variant="ghost" disabled={busy} onClick={() => void runPreview()}>
            Preview matches
          </Button>
        </FormActions>
      </form>
    </section>
  );
}
