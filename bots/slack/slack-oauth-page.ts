/** The small page a browser sees at the end of an install: what happened, and what to do next. */
export function slackOAuthPage(page: { ok: boolean; title: string; message: string }): string {
  const next = page.ok
    ? 'Type <code>/porchlight help</code> in Slack to see the commands. You can close this tab.'
    : 'Ask your Porchlight admin for a fresh install link.';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(page.title)} · Porchlight</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1f2937}
h1{font-size:1.4rem;color:${page.ok ? '#166534' : '#991b1b'}}</style></head>
<body><main><h1>${page.ok ? '✓' : '✗'} ${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p><p>${next}</p></main></body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
