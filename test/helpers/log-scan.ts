/**
 * What a log must never hold: each sensitive value a test used (phone numbers in E.164 and as national
 * digits, emails, secrets, keys), searched for verbatim. Returns the ones found, with where.
 */
export function findLeaks(logs: string, sensitive: readonly string[]): string[] {
  const found: string[] = [];
  for (const value of sensitive) {
    if (!value) continue;
    const variants = value.startsWith('+') ? [value, value.slice(2)] : [value];
    for (const variant of variants) {
      const at = logs.indexOf(variant);
      if (at >= 0) found.push(`${variant} in: ${logs.slice(Math.max(0, at - 80), at + 80)}`);
    }
  }
  return found;
}
