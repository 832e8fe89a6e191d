/**
 * Slack gives up on an answer after 3 s; this leaves room for the trip back. A store that takes longer (a
 * frozen or exhausted database) is not abandoned: it goes on in the background and its outcome follows.
 */
export const SLACK_ACK_DEADLINE_MS = 2_000;

/** What became of storing a piece of Slack work by the time Slack needed its answer. */
export type StoreOutcome = 'stored' | 'not_connected' | 'late' | 'failed';

/**
 * Races the store against Slack's deadline. `late` means the answer must go out before the store ended:
 * `onLateRefusal` runs if it then fails or finds no team (tell the user through `response_url`, which needs
 * no database); if it then succeeds, the job answers as usual.
 * @example const outcome = await storeWithinAckDeadline(store(work), () => tellUser(work, 'try again'))
 */
export async function storeWithinAckDeadline(
  store: Promise<boolean>,
  onLateRefusal: (outcome: 'not_connected' | 'failed') => Promise<void>,
  deadlineMs = SLACK_ACK_DEADLINE_MS,
): Promise<StoreOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), deadlineMs);
  });
  const settled = store.then(
    (stored): 'stored' | 'not_connected' => (stored ? 'stored' : 'not_connected'),
    (error: unknown) => ({ error }),
  );
  try {
    const first = await Promise.race([settled, late]);
    if (first === 'late') {
      void settled.then(async (outcome) => {
        if (outcome !== 'stored') await onLateRefusal(typeof outcome === 'object' ? 'failed' : outcome).catch(() => {});
      });
      return 'late';
    }
    return typeof first === 'object' ? 'failed' : first;
  } finally {
    clearTimeout(timer);
  }
}
