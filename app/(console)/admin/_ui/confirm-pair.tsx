import { DANGER_BUTTON, LINK_BUTTON } from './styles';

/** The second step of a destructive action: an optional warning, the confirming button and Cancel. */
export function ConfirmPair({ label, onConfirm, onCancel, disabled, warning }: {
  label: string;
  onConfirm: () => void;
  onCancel: () => void;
  disabled?: boolean;
  warning?: string;
}) {
  return (
    <span className="inline-flex items-center gap-3">
      {warning && <span className="text-xs text-amber-200">{warning}</span>}
      <button type="button" className={DANGER_BUTTON} disabled={disabled} onClick={onConfirm}>
        {label}
      </button>
      <button type="button" className={LINK_BUTTON} onClick={onCancel}>
        Cancel
      </button>
    </span>
  );
}
