import type { ReactNode } from 'react';

/** A choice of a select: a plain value (shown as itself, or as `label` says), or a value with its label. */
export type Option<T extends string = string> = T | { value: T; label: string };

/** The `<option>`s of a select, one per choice, in order. */
export function Options<T extends string>({ options, label = (v) => v }: { options: readonly Option<T>[]; label?: (value: T) => ReactNode }) {
  return options.map((o) => {
    const [value, text] = typeof o === 'string' ? [o, label(o)] : [o.value, o.label];
    return (
      <option key={value} value={value}>
        {text}
      </option>
    );
  });
}
