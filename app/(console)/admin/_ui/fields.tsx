import type { InputHTMLAttributes, SelectHTMLAttributes } from 'react';
import { Options, type Option } from '@/components/ui/options';
import type { FieldIssue } from '@/lib/platform/errors/app-error';
import { issuesFor } from './api';
import { FieldError } from './form-error';
import { INPUT, LABEL } from './styles';

interface Labelled {
  label: string;
  name: string;
  /** The API's issues of the last request: those of `path` (default: the name) show under the field. */
  issues?: FieldIssue[];
  path?: string;
}

/** A labelled text input with its field's errors under it. `className` sizes the input. */
export function TextField({ label, name, issues = [], path = name, className = '', ...props }: Labelled & InputHTMLAttributes<HTMLInputElement>) {
  const mine = issuesFor(issues, path);
  return (
    <label className={LABEL}>
      {label}
      <input name={name} className={`${INPUT} ${className}`.trim()} aria-invalid={mine.length > 0} {...props} />
      <FieldError issues={mine} />
    </label>
  );
}

/** A labelled select of `options` with its field's errors under it. */
export function SelectField({ label, name, options, issues = [], path = name, className = '', ...props }: Labelled & { options: readonly Option[] } & SelectHTMLAttributes<HTMLSelectElement>) {
  const mine = issuesFor(issues, path);
  return (
    <label className={LABEL}>
      {label}
      <select name={name} className={`${INPUT} ${className}`.trim()} aria-invalid={mine.length > 0} {...props}>
        <Options options={options} />
      </select>
      <FieldError issues={mine} />
    </label>
  );
}
