'use client';

const OTP_INPUT_CLASS =
  'rounded-md border border-line bg-canvas px-3 py-2 font-mono tracking-[0.4em] text-ink placeholder:text-ink-muted aria-invalid:border-danger';

interface OtpCodeInputProps {
  invalid: boolean;
  describedBy?: string;
  autoFocus?: boolean;
  /** `field`: full width in a form; `inline`: a short box beside its button. */
  size: 'field' | 'inline';
}

/** The 6-digit authenticator code field (name and id `code`), shared by sign-in and MFA enrolment. */
export function OtpCodeInput({ invalid, describedBy, autoFocus, size }: OtpCodeInputProps) {
  return (
    <input
      id="code"
      name="code"
      type="text"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]{6}"
      maxLength={7}
      placeholder="123456"
      required
      autoFocus={autoFocus}
      spellCheck={false}
      aria-invalid={invalid ? true : undefined}
      aria-describedby={describedBy}
      className={`${OTP_INPUT_CLASS} ${size === 'field' ? 'w-full text-base' : 'w-40 text-lg'}`}
    />
  );
}
