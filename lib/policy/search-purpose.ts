import { z } from 'zod';
import { AppError } from '@/lib/platform/errors/app-error';

/**
 * Offense types a search may name as its purpose: the FBI NIBRS Group A offense categories, plus missing person
 * and welfare check (non-criminal searches an RTCC also runs). The audit row and the transparency page use the code.
 */
export const OFFENSE_TYPES = [
  'homicide',
  'kidnapping',
  'sex_offense',
  'robbery',
  'assault',
  'arson',
  'extortion',
  'burglary',
  'larceny_theft',
  'motor_vehicle_theft',
  'counterfeiting_forgery',
  'fraud',
  'embezzlement',
  'stolen_property',
  'vandalism',
  'drug_narcotic',
  'pornography_obscene_material',
  'gambling',
  'prostitution',
  'bribery',
  'weapon_law_violation',
  'human_trafficking',
  'animal_cruelty',
  'missing_person',
  'welfare_check',
] as const;
export type OffenseType = (typeof OFFENSE_TYPES)[number];

/** A case (report) number as agencies write them: letters, digits, dashes, slashes; 3–40 characters. */
const ZCaseNumber = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9\-/.]{2,39}$/, 'Case number: 3–40 letters, digits, - / .');

export const ZSearchPurpose = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('case'), caseNumber: ZCaseNumber }),
  z.strictObject({ kind: z.literal('offense'), offense: z.enum(OFFENSE_TYPES) }),
]);
export type SearchPurpose = z.infer<typeof ZSearchPurpose>;

/** The form stored in audit_log.purpose: `case:<number>` or `offense:<code>`. */
export function purposeLabel(p: SearchPurpose): string {
  return p.kind === 'case' ? `case:${p.caseNumber}` : `offense:${p.offense}`;
}

/**
 * Parse a purpose from a query parameter or body field (`case:2026-001234` or `offense:burglary`, or the object
 * form). A search without one is refused before it runs: 400 naming the `purpose` field.
 */
export function requireSearchPurpose(raw: unknown): SearchPurpose {
  let value = raw;
  if (typeof raw === 'string') {
    const i = raw.indexOf(':');
    const kind = i > 0 ? raw.slice(0, i) : '';
    const rest = i > 0 ? raw.slice(i + 1) : '';
    value = kind === 'case' ? { kind, caseNumber: rest } : kind === 'offense' ? { kind, offense: rest } : { kind };
  }
  if (raw === undefined || raw === null || raw === '') {
    throw new AppError('BAD_REQUEST', 'A search must state its purpose: a case number (case:<number>) or an offense type (offense:<type>)', [
      { path: 'purpose', message: 'Required' },
    ]);
  }
  const parsed = ZSearchPurpose.safeParse(value);
  if (!parsed.success) {
    throw new AppError('BAD_REQUEST', `Invalid search purpose: use case:<number> or offense:<one of ${OFFENSE_TYPES.join(', ')}>`, [
      { path: 'purpose', message: parsed.error.issues[0]?.message ?? 'Invalid' },
    ]);
  }
  return parsed.data;
}
