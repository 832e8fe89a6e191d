import { open, seal } from '../../../core/crypto/secret-box.ts';
import { AppError } from '../../../core/errors/app-error.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { Db } from '../../client.ts';
import {
  lockSealedRows,
  SEALED_KINDS,
  storeResealedRow,
  type SealedKind,
} from '../../queries/secrets/sealed-values.ts';

export interface RotateSecretsResult {
  /** Rows sealed anew with the first secret, by kind. */
  resealed: Record<SealedKind, number>;
  /** Rows none of the secrets opens: left exactly as they were. */
  failed: number;
  failures: Array<{ kind: SealedKind; id: string }>;
}

/**
 * `porchlight secrets rotate`: opens every sealed value with any of the secrets (APP_SECRETS, then APP_SECRET)
 * and seals it again with the first, in one transaction, so the old secret can then be dropped. A value no
 * secret opens is reported, never overwritten: it may still open with a secret this process was not given.
 * @example await rotateSecrets({ db, clock }, { secrets: secretKeys(env) })
 */
export async function rotateSecrets(
  deps: { db: Db; clock: Clock },
  input: { secrets: readonly string[] },
): Promise<RotateSecretsResult> {
  const [sealing] = input.secrets;
  if (!sealing) throw new AppError('invalid_config', 'APP_SECRET (or APP_SECRETS) is required to rotate secrets');
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const resealed = Object.fromEntries(SEALED_KINDS.map((k) => [k, 0])) as Record<SealedKind, number>;
    const failures: RotateSecretsResult['failures'] = [];
    for (const row of await lockSealedRows(tx)) {
      const opened = openAll(row.sealed, input.secrets);
      if (!opened) {
        failures.push({ kind: row.kind, id: row.id });
        continue;
      }
      const fresh = Object.fromEntries(Object.entries(opened).map(([column, plain]) => [column, seal(plain, sealing)]));
      await storeResealedRow(tx, row, fresh, now);
      resealed[row.kind] += 1;
    }
    return { resealed, failed: failures.length, failures };
  });
}

/** Every column opened, or undefined when any one of them opens with none of the secrets. */
function openAll(sealed: Record<string, string>, secrets: readonly string[]): Record<string, string> | undefined {
  try {
    return Object.fromEntries(Object.entries(sealed).map(([column, value]) => [column, open(value, secrets)]));
  } catch {
    return undefined;
  }
}
