import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchChromium } from './chromium';
import { e2eTarget } from './target';

const target = e2eTarget();

if (target.localOrigin === undefined) {
  console.log('[e2e] not registered: the API page is served by the local stack only');
} else {
  const origin = target.localOrigin;
  let browser: BrowserContext;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ context: browser, close } = await launchChromium());
  });
  afterAll(async () => {
    await close?.();
  });

  describe('the API page (/_local/)', () => {
    it('creates a product through the reference\'s "Try it out" and shows its ProductCreated live', async () => {
      const page = await browser.newPage();
      const elsewhere: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).origin !== origin) elsewhere.push(request.url());
      });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));

      await page.goto(`${origin}/_local/`);
      await page.locator('#token-status[data-state="ready"]').waitFor({ timeout: 20_000 });
      await page.locator('#events-status[data-state="live"]').waitFor();

      const operation = page.locator('#operations-products-createProduct');
      await operation.locator('.opblock-summary').click();
      const tryItOut = operation.locator('button.try-out__btn');
      if ((await tryItOut.count()) > 0 && (await tryItOut.textContent())?.includes('Try it out'))
        await tryItOut.click();
      const name = `Page ${randomUUID().slice(0, 8)}`;
      await operation
        .locator('textarea.body-param__text')
        .fill(JSON.stringify({ name, price: { amount: 1250, currency: 'EUR' } }));
      await operation.locator('button.execute').click();

      const response = operation.locator('.live-responses-table .response');
      await response.locator('.response-col_status', { hasText: '201' }).waitFor({ timeout: 20_000 });
      const body = (await response.locator('.response-col_description pre').first().textContent()) ?? '';
      const created = JSON.parse(body) as { id: string; name: string };
      expect(created.name).toBe(name);

      const event = page.locator(
        `#events li[data-detail-type="ProductCreated"][data-product-id="${created.id}"]`,
      );
      await event.waitFor({ timeout: 20_000 });
      expect(await event.textContent()).toContain(created.id);

      // Filtering by product and type keeps that event and only events of that product.
      await page.locator('#filter-product').fill(created.id);
      await page.locator('#filter-type').selectOption('ProductCreated');
      await event.waitFor();
      const items = page.locator('#events li');
      const shown: string[] = [];
      for (let i = 0; i < (await items.count()); i++) {
        const item = items.nth(i);
        shown.push(
          `${await item.getAttribute('data-product-id')} ${await item.getAttribute('data-detail-type')}`,
        );
      }
      expect(shown).toEqual([`${created.id} ProductCreated`]);
      await page.locator('#filter-type').selectOption('ProductDeleted');
      await page.locator('#events-status[data-state="live"]').waitFor();
      await expect.poll(() => page.locator('#events li').count()).toBe(0);

      expect(elsewhere).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  });
}
