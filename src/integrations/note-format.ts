/** A note's content as HTML (Zendesk `html_body`, Freshdesk `body`) or Markdown (Chatwoot). */
import type { NoteContent } from './note-content.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Markdown's link and emphasis characters, escaped where they would change the layout. */
const escapeMarkdown = (s: string) => s.replace(/([\\`*_[\]()<>#|])/g, '\\$1');

export function noteHtml(n: NoteContent): string {
  const facts = n.facts.map(([k, v]) => `<li><b>${escapeHtml(k)}</b>: ${escapeHtml(v)}</li>`).join('');
  const links = n.links.map((l) => `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a></li>`).join('');
  return `<p><b>${escapeHtml(n.title)}</b></p><ul>${facts}</ul><p>Links</p><ul>${links}</ul>`;
}

export function noteMarkdown(n: NoteContent): string {
  const facts = n.facts.map(([k, v]) => `- **${escapeMarkdown(k)}**: ${escapeMarkdown(v)}`);
  const links = n.links.map((l) => `- [${escapeMarkdown(l.label)}](<${l.url}>)`);
  return [`**${escapeMarkdown(n.title)}**`, '', ...facts, '', 'Links:', ...links].join('\n');
}
