import { type ForumProgress, progressOf } from '@temu-bisnis/schema';
import type { PrismaClient } from '@temu-bisnis/schema/prisma';

/** Where the bar goes: process.stdout, or a test's collector. */
export interface ProgressOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Shows a forum's progress record (the one forumProgress answers from) while an operation runs,
 * read from the database a few times a second. On a terminal one bar redrawn in place; in a log
 * or pipe (no carriage returns there) one line per change of phase, so CI output stays readable.
 * Returns the function that draws the last state and ends the display.
 */
export function showProgress(prisma: PrismaClient, forumId: string, out: ProgressOutput, unit: string): () => Promise<void> {
  let shown = '';
  let reading: Promise<void> = Promise.resolve();
  const draw = (p: ForumProgress | null) => {
    if (!p) return;
    if (out.isTTY) {
      out.write(`\r${bar(p.done, p.total)} ${p.phase.padEnd(24)} ${p.done}/${p.total} ${unit}`);
    } else if (p.phase !== shown) {
      out.write(`${p.operation.toLowerCase()}: ${p.phase} ${p.done}/${p.total} ${unit}\n`);
    }
    shown = p.phase;
  };
  const poll = () => {
    reading = reading.then(() => progressOf(prisma, forumId).then(draw, () => undefined));
  };
  const timer = setInterval(poll, 200);
  return async () => {
    clearInterval(timer);
    poll();
    await reading;
    if (out.isTTY) out.write('\n');
  };
}

/**
 * A counter's progress (rows loaded, say), told as it grows: on a terminal one bar redrawn in place
 * with the time so far; in a log or pipe a line at each tenth. Returns the function that ends it.
 */
export function countProgress(out: ProgressOutput, unit: string): { show(done: number, total: number): void; end(): void } {
  const started = performance.now();
  let tenths = -1;
  let drawn = false;
  return {
    show(done, total) {
      const seconds = Math.round((performance.now() - started) / 1000);
      const line = `${bar(done, total)} ${done}/${total} ${unit} ${seconds} s`;
      drawn = true;
      if (out.isTTY) out.write(`\r${line}`);
      else if (Math.floor((10 * done) / total) > tenths) {
        tenths = Math.floor((10 * done) / total);
        out.write(`${line}\n`);
      }
    },
    end() {
      if (out.isTTY && drawn) out.write('\n');
      drawn = false;
    },
  };
}

function bar(done: number, total: number, width = 30): string {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
