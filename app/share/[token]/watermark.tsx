/** The recipient's name tiled across the page, over the content: a screenshot names who it was shared with. */
export function Watermark({ text }: { text: string }) {
  const esc = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="420" height="220"><text x="10" y="130" transform="rotate(-24 210 110)" font-family="sans-serif" font-size="18" fill="rgba(200,200,200,0.16)">${esc}</text></svg>`;
  return (
    <div
      aria-hidden
      data-testid="watermark"
      data-text={text}
      className="pointer-events-none fixed inset-0 z-50 select-none"
      style={{ backgroundImage: `url("data:image/svg+xml;utf8,${encodeURIComponent(svg)}")` }}
    />
  );
}
