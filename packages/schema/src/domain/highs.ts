import loadHighs, { type Highs } from 'highs';

let highs: Promise<Highs> | undefined;

/** HiGHS, the MIP solver. Compiling the Wasm module costs ~100 ms: do it once per process (or thread) and reuse the runtime. */
export function getHighs(): Promise<Highs> {
  highs ??= loadHighs();
  return highs;
}
