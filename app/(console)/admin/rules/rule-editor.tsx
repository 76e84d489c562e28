'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { RuleDto } from '@/lib/domain/rule';
import type { FieldIssue } from '@/lib/platform/errors/app-error';
import { FormError } from '../_ui/form-error';
import { INPUT, PANEL } from '../_ui/styles';

/** A starting point that validates as is: shots inside a school zone get a higher priority and the nearest cameras. */
const TEMPLATE = {
  name: 'Shots near a school',
  enabled: true,
  premise: { kind: 'gunshot', conditions: [], geofence: { kind: 'school', relation: 'inside' } },
  actions: [
    { type: 'raise_priority', by: 20 },
    { type: 'attach_cameras', count: 4 },
  ],
};

interface Props {
  rule: RuleDto | null;
  onSave: (id: string | null, body: unknown) => Promise<{ message: string; issues: FieldIssue[] } | null>;
  onCancel: () => void;
}

/**
 * The rule as JSON in a textarea: the schema (lib/domain/rule.ts) has nested premises and a union of actions that a
 * form of inputs would only hide. The API's zod issues come back by path (`actions[0].by`) and are listed under it.
 */
export function RuleEditor({ rule, onSave, onCancel }: Props) {
  const initial = rule ? { name: rule.name, enabled: rule.enabled, premise: rule.premise, actions: rule.actions } : TEMPLATE;
  const [error, setError] = useState<{ message: string; issues: FieldIssue[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (rule) ref.current?.scrollIntoView({ block: 'start' });
  }, [rule]);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const text = String(new FormData(e.currentTarget).get('rule') ?? '');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      return setError({ message: `Not valid JSON: ${(err as Error).message}`, issues: [] });
    }
    setBusy(true);
    const problem = await onSave(rule?.id ?? null, body);
    setBusy(false);
    setError(problem);
  }

  return (
    <section ref={ref} className={PANEL} aria-labelledby="rule-editor-title">
      <h2 id="rule-editor-title" className="text-sm font-semibold">
        {rule ? `Edit “${rule.name}”` : 'New rule'}
      </h2>
      <form onSubmit={submit} className="mt-3 flex flex-col gap-3">
        <textarea
          name="rule"
          aria-label="Rule JSON"
          rows={14}
          spellCheck={false}
          defaultValue={JSON.stringify(initial, null, 2)}
          className={`${INPUT} font-mono text-xs leading-5`}
          aria-invalid={!!error}
        />
        <p className="text-xs text-ink-muted">
          premise.kind: an event kind; conditions: <code>{'{ field, op, value }'}</code> on typeCode, priority, title, address
          or payload.&lt;key&gt;; actions: raise_priority, open_alert, attach_cameras, notify, wall_preset.
        </p>
        {error && (
          <div data-testid="rule-issues">
            <FormError error={error.message} issues={error.issues} id="rule-error" />
          </div>
        )}
        <div className="flex gap-2">
          <Button type="submit" disabled={busy}>
            {rule ? 'Save rule' : 'Create rule'}
          </Button>
          {rule && (
            <Button variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}
