/**
 * HTML building blocks of the printable forum pages. Every value from the database or the request
 * goes through `esc` (or `html` templates, which escape every interpolation), so a name like
 * `<script>` prints as text and never becomes markup.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Markup that is already safe (built by `html`), as opposed to text. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return esc(part);
}

/** A template whose interpolations are escaped unless they are SafeHtml (or lists of it). */
export function html(strings: TemplateStringsArray, ...parts: Part[]): SafeHtml {
  let out = strings[0]!;
  parts.forEach((part, i) => {
    out += render(part) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/**
 * Phone first: one column of cards below 640 px; a table from there up and on paper. Print: A4
 * (portrait for agendas, landscape for the wall plan), black on white, no page break inside a row.
 */
const BASE_CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;font-size:16px;line-height:1.45;color:#111;background:#fff}
main{max-width:60rem;margin:0 auto;padding:1rem}
main.wide{max-width:none}
header.page{border-bottom:2px solid #0b5d3b;margin-bottom:1rem;padding-bottom:.5rem}
header.page .kicker{font-size:.8rem;letter-spacing:.06em;text-transform:uppercase;color:#0b5d3b;font-weight:600}
h1{font-size:1.4rem;margin:.2rem 0}
h2{font-size:1.15rem;margin:1rem 0 .4rem}
p{margin:.25rem 0}
.muted{color:#555}
.who{font-weight:600}
.badge{display:inline-block;border:1px solid #999;border-radius:.3rem;padding:0 .35rem;font-size:.75rem;white-space:nowrap}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #bbb;padding:.4rem .5rem;text-align:left;vertical-align:top}
th{background:#eef5f1}
td.time{white-space:nowrap;font-variant-numeric:tabular-nums;font-weight:600}
.profile{font-size:.9rem}
footer.page{margin-top:1.5rem;font-size:.8rem;color:#555;border-top:1px solid #ccc;padding-top:.5rem}
.empty{padding:1rem;border:1px dashed #999}
@media (max-width:640px){
  table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
  table.cards thead{display:none}
  table.cards tr{border:1px solid #bbb;border-radius:.4rem;margin:0 0 .75rem;padding:.25rem}
  table.cards td{border:none;padding:.2rem .4rem}
  table.cards td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:#0b5d3b}
}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table.grid{font-size:.85rem;min-width:40rem}
table.grid td.free{color:#999}
table.grid tr.break td{background:#f4f4f4;text-align:center;font-style:italic}
@media print{
  body{font-size:10pt}
  main{max-width:none;padding:0}
  a{color:inherit;text-decoration:none}
  th{background:#eee !important;-webkit-print-color-adjust:exact;print-color-adjust:exact}
  tr,td,th{break-inside:avoid;page-break-inside:avoid}
  thead{display:table-header-group}
  .no-print{display:none}
  .scroll{overflow:visible}
  table.grid{min-width:0;font-size:8pt}
}
`;

export function page({ title, body, landscape = false, wide = false }: { title: string; body: SafeHtml; landscape?: boolean; wide?: boolean }): string {
  const pageRule = `@page{size:A4${landscape ? ' landscape' : ''};margin:12mm}`;
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)}</title>
<style>${pageRule}${BASE_CSS}</style>
</head>
<body>
<main${wide ? ' class="wide"' : ''}>
${body.value}
</main>
</body>
</html>
`;
}
