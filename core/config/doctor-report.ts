/** One provider's line in `porchlight doctor`. `off` = not configured, which is never a failure. */
export type ProbeOutcome = { status: 'ok'; detail: string } | { status: 'failed'; reason: string } | { status: 'off' };

export interface DoctorCheck {
  name: string;
  outcome: ProbeOutcome;
}

/** ✓ / ✗ / – per check, the reason after it; exit 1 when any configured check failed. */
export function renderDoctor(checks: readonly DoctorCheck[]): { text: string; exitCode: 0 | 1 } {
  const width = Math.max(...checks.map((c) => c.name.length));
  const lines = checks.map(({ name, outcome }) => {
    const label = name.padEnd(width);
    if (outcome.status === 'ok') return `✓  ${label}  ${outcome.detail}`;
    if (outcome.status === 'failed') return `✗  ${label}  ${outcome.reason}`;
    return `–  ${label}  off`;
  });
  const failed = checks.some((c) => c.outcome.status === 'failed');
  return { text: `${lines.join('\n')}\n`, exitCode: failed ? 1 : 0 };
}
