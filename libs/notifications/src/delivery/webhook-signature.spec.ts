import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signature', () => {
  const body = '{"kind":"supply-critical"}';
  const now = new Date('2026-12-03T12:00:00Z');
  const timestamp = Math.floor(now.getTime() / 1000);

  it('is the HMAC-SHA256 of "<timestamp>.<body>" with the subscription secret', () => {
    // the oracle: computed here by hand, as a receiver in any language would
    const expected = createHmac('sha256', 's3cret').update(`${timestamp}.${body}`).digest('hex');
    expect(signWebhook('s3cret', timestamp, body)).toBe(`sha256=${expected}`);
  });

  it('verifies a fresh, untouched delivery and refuses a changed body, wrong secret or old one', () => {
    const signature = signWebhook('s3cret', timestamp, body);
    const headers = { signature, timestamp: String(timestamp) };
    expect(verifyWebhook('s3cret', headers, body, now)).toBe(true);
    expect(verifyWebhook('s3cret', headers, body.replace('critical', 'ok'), now)).toBe(false);
    expect(verifyWebhook('other', headers, body, now)).toBe(false);
    expect(verifyWebhook('s3cret', headers, body, new Date(now.getTime() + 301_000))).toBe(false);
    expect(verifyWebhook('s3cret', { timestamp: String(timestamp) }, body, now)).toBe(false);
  });
});
