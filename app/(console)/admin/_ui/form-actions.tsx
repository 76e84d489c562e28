import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';

/** An add/edit form's buttons: submit (off while busy), any others, and Cancel when `onCancel` is given (editing). */
export function FormActions({ submit, busy, onCancel, className = 'flex gap-2', children }: { submit: string; busy: boolean; onCancel?: () => void; className?: string; children?: ReactNode }) {
  return (
    <div className={className}>
      <Button type="submit" disabled={busy}>
        {submit}
      </Button>
      {children}
      {onCancel && (
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      )}
    </div>
  );
}
