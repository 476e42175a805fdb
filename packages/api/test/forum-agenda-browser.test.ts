import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPLETED_SLUG, ownerOf } from './forum-fixtures';
import { type Browser, launchChromium } from './support/chromium';
import { startTestServer, type TestServer } from './support/server';

/**
 * The printable agenda in a real browser: Debian's Chromium, headless, driven by playwright-core.
 * Loads a seeded participant's agenda of the COMPLETED forum as that IKM's owner would (a link with
 * ?token=), checks the meetings against the database, on a phone-sized screen too, and prints it
 * to an A4 PDF (see support/chromium.ts).
 */

let api: TestServer;
let browser: Browser | undefined;
let url: string;
let expected: { time: string; table: string; counterpart: string }[];

beforeAll(async () => {
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

  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('the printable agenda in Chromium', () => {
  it('shows the participant\'s meetings (times, tables, counterparts from the database) and prints to an A4 PDF', async () => {
    const page = await browser!.context.newPage();
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
    console.log(`agenda browser test: ${rows.length} meetings shown, PDF ${pdf.length} bytes, ${pages} A4 page(s), Chromium ${browser!.context.browser()?.version() ?? ''}`);
    await page.close();
  }, 120_000);
});
