import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Browser, type Page } from '@playwright/test';
import { rolePage } from './fixtures-auth';

/** Helpers for the notice channel specs (issue 10: email, webhooks, settings pages). */

export type Received = {
  headers: Record<string, string>;
  body: string;
  json: {
    type: string;
    timestamp: string;
    data: Record<string, unknown> & { facts: Record<string, unknown> };
  };
};

/**
 * A webhook receiver the spec starts on 127.0.0.1 (a free port): keeps every request and
 * answers `status` (200 unless the spec changes it), as a customer's endpoint would.
 */
export async function startReceiver(): Promise<{
  url: string;
  received: Received[];
  answer: (status: number) => void;
  close: () => Promise<void>;
}> {
  const received: Received[] = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({
        headers: flat(req.headers),
        body,
        json: JSON.parse(body) as Received['json'],
      });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/trtc`,
    received,
    answer: (s) => {
      status = s;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function flat(h: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
}

export type DevCustomer = {
  accountId: string;
  login: { email: string; password: string };
  application: { sdkAppId: number; secretKey: string };
  clock: { now: string } | null;
};

/** Test customers through the developer API (docs/dev-api.md, POST /api/dev/accounts), as the demo admin. */
export async function createDevCustomers(browser: Browser, baseURL: string, bodies: Record<string, unknown>[]): Promise<DevCustomer[]> {
  const admin = await rolePage(browser, 'admin');
  const out: DevCustomer[] = [];
  for (const data of bodies) {
    const res = await admin.request.post('/api/dev/accounts', {
      headers: { origin: baseURL },
      data,
    });
    expect(res.status(), await res.text()).toBe(201);
    out.push((await res.json()) as DevCustomer);
  }
  await admin.context().close();
  return out;
}

/** Adds a webhook endpoint through the page; returns the secret shown once. */
export async function addEndpointThroughPage(page: Page, url: string, description = ''): Promise<string> {
  await page.goto('/settings/webhooks');
  await page.getByLabel('Endpoint URL').fill(url);
  if (description) await page.getByLabel('Description (optional)').fill(description);
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  const secret = page.getByTestId('webhook-secret');
  await expect(secret).toHaveText(/^whsec_[A-Za-z0-9+/=]{44}$/);
  return (await secret.textContent())!.trim();
}
