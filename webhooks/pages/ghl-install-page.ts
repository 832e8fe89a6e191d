import { escapeHtml } from '../../core/messaging/render-email.ts';
import { htmlPage } from './html-page.ts';

export interface GhlInstalledView {
  tenantName: string;
  locationId: string;
  /** The sub-account's name when GHL told us, else the id is shown alone. */
  locationName: string | null;
  reinstall: boolean;
}

const STYLE = `
.ok{color:#17643a}.fail{color:#9b1c1c}
code{font-size:14px;background:#f1f3f5;padding:1px 4px;border-radius:4px;word-break:break-all}
ol{padding-left:20px;margin:0 0 12px}li{margin:0 0 8px}
`;

/** The answer to a completed install: what was connected to what, and what happens from now on. */
export function ghlInstalledPage(view: GhlInstalledView): string {
  const location = view.locationName
    ? `${escapeHtml(view.locationName)} <span class="muted">(${escapeHtml(view.locationId)})</span>`
    : `GHL sub-account <code>${escapeHtml(view.locationId)}</code>`;
  const team = escapeHtml(view.tenantName);
  const title = view.reinstall ? 'Reconnected to Porchlight' : 'Connected to Porchlight';
  return htmlPage(
    title,
    `<p class="ok"><strong>✓ Connected ${location} to ${team}.</strong></p>
<h2>What happens next</h2>
<ol>
<li>New contacts, replies and pipeline changes in this sub-account reach Porchlight within seconds.</li>
<li>Porchlight scores each lead and alerts ${team}'s agents about hot leads and listing matches on the channels
they chose.</li>
<li>When an agent claims or works a lead, Porchlight adds the note, tags and task to the contact in GHL.</li>
</ol>
<p class="muted">Nothing else to do here: you can close this page. Your Porchlight admin can check the
connection with <code>porchlight doctor</code>.</p>`,
    { style: STYLE },
  );
}

/** A refused install: what went wrong in words an agency owner understands, and that nothing was stored. */
export function ghlInstallFailedPage(message: string): string {
  return htmlPage(
    'GHL was not connected',
    `<p class="fail"><strong>${escapeHtml(message)}</strong></p>
<p>Nothing was stored and nothing changed in Porchlight. To try again, ask your Porchlight admin for a fresh
install link (<code>porchlight connect ghl --tenant &lt;id&gt;</code>); each link works once, for 15 minutes.</p>`,
    { style: STYLE },
  );
}
