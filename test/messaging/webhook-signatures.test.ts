import { describe, expect, it } from 'vitest';
import { parseTwilioForm } from '../../bots/sms/parse-twilio-form.ts';
import { verifyTwilioSignature } from '../../webhooks/signatures/twilio.ts';
import { verifySendgridSignature } from '../../webhooks/signatures/sendgrid.ts';
import { platformFixture } from './platform-fixture.ts';

describe('verifyTwilioSignature', () => {
  const docs = platformFixture('twilio-signature-docs-vector-example-com.json');
  const lib = platformFixture('twilio-signature-library-vectors-mycompany.json');
  const variant = (prefix: string) => lib.variants.find((v: { case: string }) => v.case.startsWith(prefix)).signature;

  it("accepts Twilio's documented vector, parsed from the raw form body", async () => {
    const params = parseTwilioForm(docs.form_body);
    expect(
      await verifyTwilioSignature({
        authToken: docs.auth_token,
        url: docs.url,
        params,
        signature: docs.expected_signature,
      }),
    ).toBe(true);
  });

  it('accepts the helper-library vectors, including port and mixed-case host forms', async () => {
    const base = { authToken: lib.auth_token, url: lib.url, params: lib.params };
    expect(await verifyTwilioSignature({ ...base, signature: lib.expected_signature })).toBe(true);
    expect(
      await verifyTwilioSignature({
        ...base,
        url: 'https://MyCompany.com/myapp.php?foo=1&bar=2',
        signature: variant('mixed-case'),
      }),
    ).toBe(true);
    expect(
      await verifyTwilioSignature({ ...base, signature: variant('signature computed over https://mycompany.com:443') }),
    ).toBe(true);
    expect(
      await verifyTwilioSignature({
        ...base,
        url: 'http://mycompany.com/myapp.php?foo=1&bar=2',
        signature: variant('signature computed over http://mycompany.com:80'),
      }),
    ).toBe(true);
  });

  it('accepts repeated parameters as the form carries them', async () => {
    const params = parseTwilioForm('Digits=5678&Digits=1234&Digits=1234&Sid=CA123&SidAccount=AC123');
    expect(params.Digits).toEqual(['5678', '1234', '1234']);
    expect(
      await verifyTwilioSignature({
        authToken: lib.auth_token,
        url: lib.url,
        params,
        signature: variant('repeated param'),
      }),
    ).toBe(true);
  });

  it('refuses tampered params, URL, token or signature, and a missing header', async () => {
    const ok = { authToken: docs.auth_token, url: docs.url, params: docs.params, signature: docs.expected_signature };
    expect(await verifyTwilioSignature({ ...ok, params: { ...docs.params, Digits: '1235' } })).toBe(false);
    expect(await verifyTwilioSignature({ ...ok, params: { ...docs.params, Extra: 'x' } })).toBe(false);
    expect(await verifyTwilioSignature({ ...ok, url: 'https://example.com/myapp.php?foo=1&bar=3' })).toBe(false);
    expect(await verifyTwilioSignature({ ...ok, authToken: '12346' })).toBe(false);
    expect(await verifyTwilioSignature({ ...ok, signature: 'L/OH5YylLD5NRKLltdqwSvS0BnV=' })).toBe(false);
    expect(await verifyTwilioSignature({ ...ok, signature: undefined })).toBe(false);
    expect(await verifyTwilioSignature({ ...ok, signature: '' })).toBe(false);
  });
});

describe('verifySendgridSignature', () => {
  const v = platformFixture('sendgrid-eventwebhook-signature-vector.json');
  const ok = {
    publicKey: v.public_key_base64_spki,
    payload: v.raw_body,
    signature: v.headers['X-Twilio-Email-Event-Webhook-Signature'],
    timestamp: v.headers['X-Twilio-Email-Event-Webhook-Timestamp'],
  };

  it("accepts SendGrid's vector over the raw body, as a string or a Buffer", async () => {
    expect(await verifySendgridSignature(ok)).toBe(true);
    expect(await verifySendgridSignature({ ...ok, payload: Buffer.from(v.raw_body) })).toBe(true);
  });

  it('accepts the key in PEM form too', async () => {
    const pem = `-----BEGIN PUBLIC KEY-----\n${v.public_key_base64_spki}\n-----END PUBLIC KEY-----\n`;
    expect(await verifySendgridSignature({ ...ok, publicKey: pem })).toBe(true);
  });

  it('refuses the negative cases and a re-serialised body', async () => {
    expect(await verifySendgridSignature({ ...ok, publicKey: v.negative_cases.wrong_public_key })).toBe(false);
    expect(await verifySendgridSignature({ ...ok, signature: v.negative_cases.bad_signature })).toBe(false);
    expect(await verifySendgridSignature({ ...ok, payload: v.negative_cases.bad_payload })).toBe(false);
    expect(await verifySendgridSignature({ ...ok, timestamp: v.negative_cases.bad_timestamp })).toBe(false);
    expect(await verifySendgridSignature({ ...ok, payload: JSON.stringify(JSON.parse(v.raw_body), null, 1) })).toBe(
      false,
    );
  });

  it('refuses garbage instead of throwing', async () => {
    expect(await verifySendgridSignature({ ...ok, signature: 'not-base64-der' })).toBe(false);
    expect(await verifySendgridSignature({ ...ok, publicKey: 'nonsense' })).toBe(false);
    expect(await verifySendgridSignature({ ...ok, signature: undefined })).toBe(false);
    expect(await verifySendgridSignature({ ...ok, timestamp: null })).toBe(false);
  });
});
