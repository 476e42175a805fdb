import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPLETED_SLUG, ownerOf } from './forum-fixtures';
import { startTestServer, type TestServer } from './support/server';

/**
 * The printable agenda in a real browser: Debian's Chromium, headless, driven by playwright-core.
 * Loads a seeded participant's agenda of the COMPLETED forum as that IKM's owner would (a link with
 * ?token=), checks the meetings against the database, on a phone-sized screen too, and prints it
 * to an A4 PDF. Without Chromium the test fails (it never skips): install it with
 *   apt-get update && apt-get install -y chromium
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let api: TestServer;
let context: BrowserContext | undefined;
let userDataDir: string | undefined;
let url: string;
let expected: { time: string; table: string; counterpart: string }[];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the agenda browser test needs it. Install it with "apt-get update && apt-get install -y chromium" (CI: add that to .ci/run), or set CHROMIUM_PATH.`,
    );
  }
  api = await startTestServer({ seeded: true });
  const forum = await api.db.prisma.matchmakingSession.findUniqueOrThrow({ where: { slug: COMPLETED_SLUG } });
  const participants = await api.db.prisma.forumParticipant.findMany({
    where: { sessionId: forum.id, enterpriseId: { not: null } },
    include: {
      seats: {
        include: {
          meeting: {
            include: {
              slot: true,
              table: true,
              seats: { include: { participant: { include: { enterprise: { select: { name: true } }, partner: { select: { name: true } } } } } },
            },
          },
        },
      },
    },
    orderBy: { id: 'asc' },
  });
  const chosen = participants.find((p) => p.seats.length >= 3) ?? participants.find((p) => p.seats.length >= 2)!;
  const wib = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(11, 16);
  expected = chosen.seats
    .sort((a, b) => a.meeting.slot.index - b.meeting.slot.index)
    .map((s) => {
      const other = s.meeting.seats.find((x) => x.participantId !== chosen.id)!.participant;
      return {
        time: `${wib(s.meeting.slot.startsAt)}–${wib(s.meeting.slot.endsAt)} WIB`,
        table: s.meeting.table.name,
        counterpart: other.enterprise?.name ?? other.partner!.name,
      };
    });
  const token = (await ownerOf(api, chosen.enterpriseId!)).authorization!.replace(/^Bearer /, '');
  url = `${api.url}/forums/${forum.id}/agenda/${chosen.id}?token=${encodeURIComponent(token)}`;

  userDataDir = mkdtempSync(join(tmpdir(), 'temu-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await api?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

describe('the printable agenda in Chromium', () => {
  it('shows the participant\'s meetings (times, tables, counterparts from the database) and prints to an A4 PDF', async () => {
    const page = await context!.newPage();
    await page.setViewportSize({ width: 1024, height: 768 });
    const response = await page.goto(url, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    const rows = await page.locator('table.cards tbody tr').evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim())),
    );
    expect(rows).toHaveLength(expected.length);
    rows.forEach((cells, i) => {
      expect(cells[0]).toBe(expected[i]!.time);
      expect(cells[1]).toBe(expected[i]!.table);
      expect(cells[2]).toContain(expected[i]!.counterpart);
    });
    expect(await page.title()).toContain('Agenda');

    // On a phone the rows become cards and nothing overflows sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    const phone = await page.evaluate(() => ({
      thead: getComputedStyle(document.querySelector('table.cards thead')!).display,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
    }));
    expect(phone.thead).toBe('none');
    expect(phone.overflow).toBeLessThanOrEqual(0);

    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(pdf.length).toBeGreaterThan(10_000);
    // A4 is 595 × 842 points.
    expect(text).toMatch(/\/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/);
    const pages = (text.match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    console.log(`agenda browser test: ${rows.length} meetings shown, PDF ${pdf.length} bytes, ${pages} A4 page(s), Chromium ${context!.browser()?.version() ?? ''}`);
    await page.close();
  }, 120_000);
});
