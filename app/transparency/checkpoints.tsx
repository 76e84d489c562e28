import { currentDatabase, readCheckpoints } from '@/lib/audit/checkpoints';
import { runtime } from '@/lib/platform/runtime';

const SHOWN = 200;

/** The signed checkpoints of the audit chain's head, newest first, and the key that verifies them. */
export async function Checkpoints() {
  const rt = runtime();
  const { checkpoints, publicPem } = await readCheckpoints(rt.env.DATA_DIR, await currentDatabase(rt.pool));
  const rows = checkpoints.filter((c) => c.audit).reverse().slice(0, SHOWN);
  return (
    <section className="mt-8">
      <h2 className="text-lg font-semibold">Audit checkpoints</h2>
      <p className="mt-1 text-xs text-ink-muted">
        Every minute the head of the audit chain is signed (Ed25519) and appended to a file outside the database. Keep
        copies: <code>npm run audit:verify -- --head &lt;row&gt;:&lt;hash&gt;</code> fails if the chain no longer holds a
        head published here, so deleting the newest entries cannot go unnoticed.
      </p>
      {publicPem && (
        <pre className="mt-2 overflow-auto text-xs" data-testid="checkpoint-key">
          {publicPem}
        </pre>
      )}
      <table className="mt-2 w-full text-xs" data-testid="checkpoints">
        <thead>
          <tr className="text-left text-ink-muted">
            <th className="py-1">Signed at</th>
            <th className="py-1">Row</th>
            <th className="py-1">Head hash</th>
            <th className="py-1">Signature</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td className="py-1 text-ink-muted" colSpan={4}>
                none yet
              </td>
            </tr>
          )}
          {rows.map((c) => (
            <tr key={`${c.at}-${c.audit!.id}`} className="border-b border-line align-top">
              <td className="py-1 whitespace-nowrap">{c.at}</td>
              <td className="py-1 tabular-nums">{c.audit!.id}</td>
              <td className="py-1 font-mono break-all">{c.audit!.hash}</td>
              <td className="py-1 font-mono break-all">{c.sig}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
