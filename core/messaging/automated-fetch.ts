/*
 * Link previewers and mail scanners open links nobody clicked: iMessage, WhatsApp and chat apps fetch a
 * preview, and corporate mail gateways fetch every link to check it. Counting those as a lead's views would
 * raise "viewed 3 times" alerts from robots. Real browsers never name themselves like this.
 */
const NAMES = [
  ...['bot\\b', 'bot/', 'crawler', 'spider', 'preview', 'facebookexternalhit', 'whatsapp', 'telegram'],
  ...['skypeuri', 'google-safety', 'googleimageproxy', 'yahoomailproxy', 'outlook-ios-linkpreview'],
  ...['barracuda', 'mimecast', 'proofpoint', 'symantec', 'forcepoint', 'trendmicro', 'fortiguard', 'ms-office'],
  ...['microsoft office', 'curl/', 'wget/', 'python-requests', 'go-http-client', 'okhttp', 'node-fetch', 'undici'],
];
const AUTOMATED = new RegExp(NAMES.join('|'), 'i');

/**
 * Whether a request for a lead-facing link came from software fetching it rather than the lead tapping it.
 * @example isAutomatedFetch('facebookexternalhit/1.1') // true
 */
export function isAutomatedFetch(userAgent: string | undefined): boolean {
  return Boolean(userAgent && AUTOMATED.test(userAgent));
}
