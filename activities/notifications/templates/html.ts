// The HTML body: one paragraph a block, a line break between its lines. Eta escapes every `<%= %>`, so a
// product name such as `Rượu <Ngô> & "Men lá"` reaches the reader as written.
import { Eta } from 'eta';

const LAYOUT = `<!DOCTYPE html>
<html lang="<%= it.locale %>">
<head><meta charset="utf-8"><title><%= it.subject %></title></head>
<body>
<% for (const lines of it.blocks) { %><p><%= lines[0] %><% for (const line of lines.slice(1)) { %><br>
<%= line %><% } %></p>
<% } %></body>
</html>
`;

// Whitespace is the layout's as written: no trimming around tags.
const eta = new Eta({ autoEscape: true, autoTrim: false });
const layout = eta.compile(LAYOUT);

export interface HtmlBody {
  locale: string;
  subject: string;
  /** Paragraphs of lines, none empty. */
  blocks: string[][];
}

export function renderHtml(body: HtmlBody): string {
  return eta.render(layout, body);
}
