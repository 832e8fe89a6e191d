/** "+15125550123" → "+1******0123": enough to tell numbers apart in logs, not enough to dial. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const digits = phone.replace(/[^\d+]/g, '');
  if (digits.length <= 4) return '****';
  return digits.slice(0, 2) + '*'.repeat(Math.max(0, digits.length - 6)) + digits.slice(-4);
}

/** "ana.lopez@example.com" → "a***@example.com" */
export function maskEmail(email: string | null | undefined): string {
  if (!email) return '';
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

const PHONE_RE = /\+?\d[\d\s().-]{8,}\d/g;
const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const BEARER_RE = /(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;

/** Scrubs phone numbers, emails and bearer tokens out of free text (log messages, errors). */
export function maskText(text: string): string {
  return text
    .replace(BEARER_RE, '$1 [redacted]')
    .replace(EMAIL_RE, (m) => maskEmail(m))
    .replace(PHONE_RE, (m) => maskPhone(m));
}
