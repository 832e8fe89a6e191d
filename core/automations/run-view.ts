/** A run as `/lead` and `GET /api/v1/leads/:id` show it: `{"ruleId","step","of","next","status"}`. */
export interface AutomationRunView {
  ruleId: string;
  name: string;
  /** 1-based: the step it is on (waiting or about to run); the last step once it ended. */
  step: number;
  of: number;
  /** When the next step runs (ISO), while it waits. */
  next: string | null;
  /** active | completed | exited | cancelled | skipped | failed */
  status: string;
  reason: string | null;
}

/** @example runView({ ruleId: 'five-day-check-in', position: 1, steps: 3, status: 'active', ... }, 'Check-in') */
export function runView(
  run: { ruleId: string; position: number; steps: number; status: string; nextAt: Date | null; reason: string | null },
  name: string | undefined,
): AutomationRunView {
  return {
    ruleId: run.ruleId,
    name: name ?? run.ruleId,
    step: Math.min(run.position + 1, run.steps),
    of: run.steps,
    next: run.status === 'active' && run.nextAt ? run.nextAt.toISOString() : null,
    status: run.status,
    reason: run.reason,
  };
}

/**
 * One line for chat: "in sequence *5-day check-in*, step 2 of 3, next Dec 4 10:00" (in the team's zone).
 * @example describeRun(view, 'America/Chicago')
 */
export function describeRun(view: AutomationRunView, timeZone: string): string {
  if (view.status !== 'active') return `*${view.name}*: ${view.status}${view.reason ? ` (${view.reason})` : ''}`;
  const next = view.next
    ? `, next ${new Intl.DateTimeFormat('en-US', {
        timeZone,
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .format(new Date(view.next))
        .replace(',', '')}`
    : '';
  return `in sequence *${view.name}*, step ${view.step} of ${view.of}${next}`;
}
