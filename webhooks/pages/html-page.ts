import { escapeHtml } from '../../core/messaging/render-email.ts';

/*
 * One small stylesheet for every page a person (a lead, an operator finishing an install) opens in a
 * browser: inline, system fonts, no script, readable on a phone and on a desktop.
 */
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d2733;background:#f4f5f7}
main{max-width:560px;margin:0 auto;padding:24px 16px 40px;background:#fff;min-height:100vh}
h1{font-size:22px;line-height:1.3;margin:0 0 8px}
h2{font-size:16px;margin:24px 0 8px}
p{margin:0 0 12px}
a{color:#0b5cad}
.muted{color:#5b6673;font-size:14px}
.button{display:block;width:100%;padding:14px 16px;border:0;border-radius:8px;font:inherit;font-weight:600;
text-align:center;text-decoration:none;cursor:pointer;background:#0b5cad;color:#fff;margin:0 0 10px}
.button.secondary{background:#fff;color:#0b5cad;border:2px solid #0b5cad}
form{margin:0}
footer{margin-top:32px;padding-top:16px;border-top:1px solid #e3e6ea}
`;

export interface HtmlPageOptions {
  /** Extra `<head>` markup (already escaped), e.g. Open Graph tags for link previews. */
  head?: string;
  /** Page-specific CSS appended to the shared sheet. */
  style?: string;
  /** Show the title as the page's heading (default); a page with its own layout turns it off. */
  heading?: boolean;
}

/**
 * A complete HTML document in the shared layout. `body` is trusted markup: escape every value in it
 * with `escapeHtml`; the title is escaped here.
 * @example c.html(htmlPage('Connected', '<p>GHL location Acme is linked.</p>'), 200, PAGE_HEADERS)
 */
export function htmlPage(title: string, body: string, options: HtmlPageOptions = {}): string {
  const heading = options.heading === false ? '' : `<h1>${escapeHtml(title)}</h1>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>${options.head ?? ''}
<style>${STYLE}${options.style ?? ''}</style></head>
<body><main>${heading}${body}</main></body></html>`;
}

/**
 * Headers for pages whose URL is itself the credential (a signed token): no referrer leaks it to an image
 * host, nothing caches it, no script runs, forms post only back to us, and no other site frames it.
 */
export const PAGE_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy':
    "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; form-action 'self'; " +
    "base-uri 'none'; frame-ancestors 'none'",
};
