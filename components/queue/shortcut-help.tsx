'use client';

import { Modal } from '@/components/ui/modal';

export const QUEUE_SHORTCUTS: { keys: string; what: string }[] = [
  { keys: 'j / ↓', what: 'Next incident' },
  { keys: 'k / ↑', what: 'Previous incident' },
  { keys: 'a', what: 'Acknowledge the selected incident' },
  { keys: 'Enter', what: 'Open the selected incident' },
  { keys: 'w', what: 'Send the selected incident to the video wall' },
  { keys: '?', what: 'Show or hide this help' },
  { keys: 'Esc', what: 'Close this help' },
];

/** The `?` overlay: a modal dialog, so focus and Escape behave as screen-reader users expect. */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal open={open} onClose={onClose} title="Keyboard shortcuts" testId="shortcut-help" narrow>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {QUEUE_SHORTCUTS.map((s) => (
          <div key={s.keys} className="contents">
            <dt>
              <kbd className="rounded border border-line bg-panel-raised px-1.5 py-0.5 font-mono text-xs">{s.keys}</kbd>
            </dt>
            <dd className="text-ink-muted">{s.what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose} className="mt-4 rounded border border-line bg-panel-raised px-3 py-1.5 text-sm font-semibold">
        Close
      </button>
    </Modal>
  );
}
