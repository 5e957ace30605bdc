import {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
} from './webhook-signature';

export class WebhookRefused extends Error {}

/** POSTs one signed JSON body; anything but a 2xx answer (or no answer in 10 s) is a failure. */
export async function postWebhook(
  target: { url: string; secret: string },
  deliveryId: string,
  body: string,
  now: Date = new Date(),
): Promise<void> {
  const timestamp = Math.floor(now.getTime() / 1000);
  const response = await fetch(target.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'OxyLedger-Webhooks/1',
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signWebhook(target.secret, timestamp, body),
      [DELIVERY_HEADER]: deliveryId,
    },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status >= 300) {
    throw new WebhookRefused(`${target.url} answered ${response.status}`);
  }
}
