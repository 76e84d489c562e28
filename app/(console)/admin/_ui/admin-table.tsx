import type { ReactNode } from 'react';
import { TH } from './styles';

/**
 * The admin pages' list table: the column headings and the test id; the caller renders the rows (with `TD` cells).
 * Empty headings ('') are the action columns.
 */
export function AdminTable({ testId, headings, children }: { testId: string; headings: readonly string[]; children: ReactNode }) {
  return (
    <table className="w-full border-collapse text-sm" data-testid={testId}>
      <thead>
        <tr>
          {headings.map((h, i) => (
            <th key={`${i}-${h}`} className={TH}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
