import type { BriefView } from '@/lib/domain/brief';

const when = (iso: string) => new Date(iso).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });

function Block({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className="rounded-md border border-line bg-panel p-3" data-testid={testId}>
      <h2 className="mb-1 text-xs font-semibold tracking-wide text-ink-muted uppercase">{title}</h2>
      {children}
    </section>
  );
}

/** What is known about the place and the people: hazards first (officer safety), plates, latest events, prior calls. */
export function BriefFacts({ view }: { view: BriefView }) {
  return (
    <>
      <Block title="Hazards at this premise" testId="brief-hazards">
        {view.hazards.length ? (
          <ul className="space-y-1">{view.hazards.map((h, i) => <li key={i} className="font-semibold text-warn">⚠ {h.hazard}<span className="block text-xs font-normal text-ink-muted">{h.address ?? 'nearby'} · flagged {when(h.createdAt)}</span></li>)}</ul>
        ) : <p className="text-sm text-ink-muted">None flagged.</p>}
      </Block>
      {view.hotlist.length > 0 && (
        <Block title="Hotlist plates at this incident" testId="brief-hotlist">
          <ul className="space-y-1">{view.hotlist.map((h) => <li key={`${h.plate}-${h.state}`} className="text-danger"><b className="font-mono">{h.plate}</b> {h.state} · {h.reason} (P{h.priority})</li>)}</ul>
        </Block>
      )}
      <Block title="Latest" testId="brief-latest">
        <ul className="space-y-1 text-sm">{view.latest.map((e, i) => <li key={i}><time className="text-ink-muted">{new Date(e.at).toLocaleTimeString()}</time> <b>{e.kind}</b> {e.title}</li>)}</ul>
      </Block>
      <Block title="Prior calls at this address" testId="brief-prior">
        {view.priorCalls.length ? (
          <ul className="space-y-1 text-sm">{view.priorCalls.map((c) => <li key={c.number}>{when(c.openedAt)} · {c.title} <span className="text-ink-muted">#{c.number}</span></li>)}</ul>
        ) : <p className="text-sm text-ink-muted">None in the last two years.</p>}
      </Block>
    </>
  );
}
