'use client';

import type { FieldRule } from '@/lib/domain/source-mapping';
import { INPUT, LABEL } from '../../_ui/styles';

/**
 * One event field's source: a column of the file, a template of columns (`{Date} {Time}`) or a constant. `optional`
 * adds "not mapped" (null).
 */
export function RuleInput({ label, name, rule, columns, optional, onChange }: {
  label: string;
  name: string;
  rule: FieldRule | null;
  columns: readonly string[];
  optional?: boolean;
  onChange: (r: FieldRule | null) => void;
}) {
  const mode = rule === null ? '' : rule.from === 'column' ? `col:${rule.value}` : rule.from;
  const set = (v: string) => {
    if (v === '') onChange(null);
    else if (v.startsWith('col:')) onChange({ from: 'column', value: v.slice(4) });
    else onChange({ from: v as 'template' | 'constant', value: rule && rule.from !== 'column' ? rule.value : rule ? `{${rule.value}}` : '' });
  };
  const known = rule?.from !== 'column' || columns.includes(rule.value);
  return (
    <label className={LABEL}>
      {label}
      <span className="flex gap-1">
        <select aria-label={`${label} from`} data-field={name} value={mode} onChange={(e) => set(e.target.value)} className={`${INPUT} w-48 normal-case`}>
          {optional && <option value="">— not mapped</option>}
          {columns.map((c) => (
            <option key={c} value={`col:${c}`}>
              {c}
            </option>
          ))}
          {!known && rule?.from === 'column' && <option value={`col:${rule.value}`}>{rule.value} (not in file)</option>}
          <option value="template">template…</option>
          <option value="constant">constant…</option>
        </select>
        {rule && rule.from !== 'column' && (
          <input
            aria-label={`${label} ${rule.from}`}
            value={rule.value}
            onChange={(e) => onChange({ from: rule.from, value: e.target.value })}
            placeholder={rule.from === 'template' ? '{Date} {Time}' : 'value'}
            className={`${INPUT} w-44 font-mono normal-case`}
          />
        )}
      </span>
    </label>
  );
}
