import type { ButtonHTMLAttributes } from 'react';

type Variant = 'primary' | 'ghost';
type Size = 'md' | 'lg';

const VARIANT_CLASS: Record<Variant, string> = {
  primary: 'bg-accent text-canvas hover:bg-sky-300 disabled:bg-sky-900 disabled:text-ink-muted',
  ghost: 'border border-line bg-panel-raised text-ink hover:border-ink-muted disabled:text-ink-muted',
};

const SIZE_CLASS: Record<Size, string> = {
  md: 'px-3 py-1.5 text-sm',
  lg: 'px-4 py-2 text-base',
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: Size;
}

/** Plain <button> with the console's look; no client code, so it can render in server components too. */
export function Button({ variant = 'primary', size = 'md', className = '', type = 'button', ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      className={`inline-flex items-center justify-center gap-2 rounded-md font-semibold transition-colors disabled:cursor-not-allowed ${SIZE_CLASS[size]} ${VARIANT_CLASS[variant]} ${className}`}
      {...rest}
    />
  );
}
