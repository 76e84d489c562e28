import type { ReactNode } from 'react';

/**
 * The policy file's small markdown subset (#/## headings, "- " lists, paragraphs) as React elements: text only,
 * never HTML, so the file cannot inject markup into a public page.
 */
export function PolicyText({ source }: { source: string }) {
  const out: ReactNode[] = [];
  let list: string[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) out.push(<p key={out.length} className="mt-3">{para.join(' ')}</p>);
    if (list.length) {
      out.push(
        <ul key={out.length} className="mt-3 list-disc pl-6">
          {list.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>,
      );
    }
    para = [];
    list = [];
  };
  for (const line of source.split('\n')) {
    const t = line.trim();
    if (!t) flush();
    else if (t.startsWith('## ')) {
      flush();
      out.push(<h3 key={out.length} className="mt-6 text-lg font-semibold">{t.slice(3)}</h3>);
    } else if (t.startsWith('# ')) {
      flush();
      out.push(<h2 key={out.length} className="text-xl font-semibold">{t.slice(2)}</h2>);
    } else if (t.startsWith('- ')) {
      if (para.length) flush();
      list.push(t.slice(2));
    } else para.push(t);
  }
  flush();
  return <div className="text-sm leading-relaxed">{out}</div>;
}
