/**
 * The TwiML answer to an inbound SMS webhook: one <Message> per reply, or an empty <Response/>
 * (Twilio then sends nothing). Written out here rather than by the Twilio SDK, which the edge Worker
 * does not bundle, character for character as the SDK writes it (test/messaging/twilio-client.test.ts
 * holds them side by side); lead-supplied text cannot break the XML.
 * @example c.body(twimlReply('Thanks! What price range?'), 200, { 'Content-Type': 'text/xml' })
 */
export function twimlReply(...messages: Array<string | undefined>): string {
  const bodies = messages.filter((body): body is string => Boolean(body));
  const head = '<?xml version="1.0" encoding="UTF-8"?>';
  if (!bodies.length) return `${head}<Response/>`;
  return `${head}<Response>${bodies.map((body) => `<Message>${escapeText(body)}</Message>`).join('')}</Response>`;
}

/**
 * Text content as the SDK's XML writer escapes it (`&`, `<`, `>`, and CR as `&#xD;`). Characters XML 1.0 cannot
 * hold at all (most control characters, lone surrogates) are dropped, where the SDK would throw mid-answer.
 */
function escapeText(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#xD;');
}
