import twilio from 'twilio';

/**
 * The TwiML answer to an inbound SMS webhook: one <Message> per reply, or an empty <Response/>
 * (Twilio then sends nothing). Escaping is the SDK's, so lead-supplied text cannot break the XML.
 * @example c.body(twimlReply('Thanks! What price range?'), 200, { 'Content-Type': 'text/xml' })
 */
export function twimlReply(...messages: Array<string | undefined>): string {
  const response = new twilio.twiml.MessagingResponse();
  for (const body of messages) if (body) response.message(body);
  return response.toString();
}
