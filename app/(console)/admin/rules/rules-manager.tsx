'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { RuleDto } from '@/lib/domain/rule';
import type { FieldIssue } from '@/lib/platform/errors/app-error';
import { sendJson } from '../_ui/api';
import { FormError } from '../_ui/form-error';
import { RuleEditor } from './rule-editor';
import { RulesTable } from './rules-table';

/** Editing state lives here: the table picks a rule, the editor saves it, both refresh the server-rendered list. */
export function RulesManager({ rules, zone }: { rules: RuleDto[]; zone: string }) {
  const router = useRouter();
  const [editing, setEditing] = useState<RuleDto | null>(null);
  const [error, setError] = useState<{ message: string; issues: FieldIssue[] } | null>(null);

  async function save(id: string | null, body: unknown): Promise<{ message: string; issues: FieldIssue[] } | null> {
    const res = id ? await sendJson<{ rule: RuleDto }>('PUT', `/api/admin/rules/${id}`, body) : await sendJson<{ rule: RuleDto }>('POST', '/api/admin/rules', body);
    if (!res.ok) return { message: res.error, issues: res.issues };
    setEditing(null);
    router.refresh();
    return null;
  }

  async function toggle(rule: RuleDto) {
    const { name, enabled, premise, actions } = rule;
    const res = await sendJson('PUT', `/api/admin/rules/${rule.id}`, { name, enabled: !enabled, premise, actions });
    setError(res.ok ? null : { message: res.error, issues: res.issues });
    if (res.ok) router.refresh();
  }

  async function remove(rule: RuleDto) {
    const res = await sendJson('DELETE', `/api/admin/rules/${rule.id}`);
    setError(res.ok ? null : { message: res.error, issues: res.issues });
    if (res.ok) {
      if (editing?.id === rule.id) setEditing(null);
      router.refresh();
    }
  }

  return (
    <div className="flex flex-col gap-5">
      <RuleEditor key={editing?.id ?? 'new'} rule={editing} zone={zone} onSave={save} onCancel={() => setEditing(null)} />
      <FormError error={error?.message ?? null} issues={error?.issues} id="rules-error" />
      <RulesTable rules={rules} onEdit={setEditing} onToggle={toggle} onDelete={remove} />
    </div>
  );
}
