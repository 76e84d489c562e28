import type pg from 'pg';
import { auditHead } from './verify-audit-chain';

export interface Count {
  label: string;
  count: number;
}

export interface AgencyAccess {
  name: string;
  /** 'own users' or 'share from <agency>: layers, live (until …)'. */
  how: string[];
}

export interface TransparencyFigures {
  generatedAt: string;
  sourcesByKind: Count[];
  camerasByOwner: Count[];
  lpr: { kept: number; purged: number; retentionRuns: number };
  searchesByPurpose: Count[];
  shares: { total: number; active: number; revoked: number };
  agencies: AgencyAccess[];
  auditHead: { id: string; hash: string; at: string } | null;
}

/** Audit action written by the LPR retention job (lib/lpr/purge-lpr-reads.ts); its details carry `purged`. */
export const LPR_PURGE_ACTION = 'retention.lpr_purge';

/**
 * Every figure of the public transparency page, computed from the tables at request time: nothing typed in by
 * hand, so an agency given access through a share appears as soon as the share exists. Aggregates only.
 */
export async function transparencyFigures(pool: pg.Pool): Promise<TransparencyFigures> {
  const q = <T extends pg.QueryResultRow>(sql: string) => pool.query<T>(sql).then((r) => r.rows);
  const [sources, cameras, lprKept, lprPurged, searches, shares, agencies, head] = await Promise.all([
    q<Count>(`SELECT kind AS label, count(*)::int AS count FROM source WHERE enabled GROUP BY kind ORDER BY kind`),
    q<Count>(`SELECT owner AS label, count(*)::int AS count FROM camera GROUP BY owner ORDER BY owner`),
    q<{ n: number }>(`SELECT count(*)::int AS n FROM event WHERE kind = 'lpr'`),
    q<{ purged: number; runs: number }>(
      `SELECT coalesce(sum((details->>'purged')::bigint), 0)::int AS purged, count(*)::int AS runs
         FROM audit_log WHERE action = '${LPR_PURGE_ACTION}' AND outcome = 'allow'`,
    ),
    // A purpose is an offense type from the standard list or a case number; case numbers are not published.
    q<Count>(
      `SELECT CASE WHEN purpose LIKE 'offense:%' THEN 'Offense: ' || substr(purpose, 9)
                   WHEN purpose LIKE 'case:%' THEN 'Case investigation (case number)'
                   ELSE 'Other / unstated' END AS label, count(*)::int AS count
         FROM audit_log WHERE action = 'search.run' AND outcome = 'allow' GROUP BY 1 ORDER BY 2 DESC, 1`,
    ),
    q<{ total: number; active: number; revoked: number }>(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE revoked_at IS NULL AND starts_at <= now() AND (ends_at IS NULL OR ends_at > now()))::int AS active,
              count(*) FILTER (WHERE revoked_at IS NOT NULL)::int AS revoked
         FROM agency_share`,
    ),
    q<{ name: string; how: string }>(
      `SELECT a.name, 'own users (' || count(*)::int || ')' AS how
         FROM agency a JOIN app_user u ON u.agency_id = a.id AND NOT u.disabled AND u.role <> 'wall_device'
        GROUP BY a.id, a.name
       UNION ALL
       SELECT t.name, 'share from ' || f.name || ': ' || array_to_string(s.scope, ', ')
                      || CASE WHEN s.ends_at IS NULL THEN '' ELSE ' (until ' || to_char(s.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ')' END
         FROM agency_share s JOIN agency t ON t.id = s.to_agency_id JOIN agency f ON f.id = s.from_agency_id
        WHERE s.revoked_at IS NULL AND s.starts_at <= now() AND (s.ends_at IS NULL OR s.ends_at > now())
        ORDER BY 1, 2`,
    ),
    auditHead(pool),
  ]);
  const byAgency = new Map<string, string[]>();
  for (const a of agencies) byAgency.set(a.name, [...(byAgency.get(a.name) ?? []), a.how]);
  return {
    generatedAt: new Date().toISOString(),
    sourcesByKind: sources,
    camerasByOwner: cameras,
    lpr: { kept: lprKept[0]?.n ?? 0, purged: lprPurged[0]?.purged ?? 0, retentionRuns: lprPurged[0]?.runs ?? 0 },
    searchesByPurpose: searches,
    shares: shares[0] ?? { total: 0, active: 0, revoked: 0 },
    agencies: [...byAgency].map(([name, how]) => ({ name, how })),
    auditHead: head ? { id: head.id, hash: head.hash, at: head.at.toISOString() } : null,
  };
}
