/** Text or an attribute value made safe inside HTML: article text and notes are untrusted. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
