import { supplyMatches } from '../supply-chain';
import { capitalise, listText } from '../text';
import { type Component, codesPrimaryFirst, evaluation } from './common';

/**
 * Supply-chain fit: what the counterpart supplies is a main input of the IKM's industry, by the
 * input–output links of supply-chain.ts. Feeding the primary KBLI, what the IKM mainly makes, is
 * worth more than feeding a secondary line.
 */
export const SUPPLY_LEVEL = { PRIMARY: 1, SECONDARY: 0.7 } as const;

const SOURCE = "after BPS's 2016 input–output table";

export const supplyChainFit: Component = (enterprise, ask) => {
  const codes = codesPrimaryFirst(enterprise);
  const first = supplyMatches(ask.supplied, codes)[0];
  if (first === undefined) {
    const what = ask.supplied.length > 0 ? listText(ask.supplied.map((s) => s.item)) : 'nothing it names';
    const of = codes.length > 0 ? `KBLI ${listText(codes)}` : 'the IKM, which has no KBLI code on record';
    return evaluation('SUPPLY_CHAIN', 0, `${capitalise(ask.noun)} offers ${what}, not a main input of ${of} (${SOURCE}).`);
  }
  const { code, link } = first;
  const items = ask.supplied.filter((s) => s.kbli?.startsWith(link.from)).map((s) => s.item);
  const onPrimary = code === codes[0];
  return evaluation(
    'SUPPLY_CHAIN',
    onPrimary ? SUPPLY_LEVEL.PRIMARY : SUPPLY_LEVEL.SECONDARY,
    `${capitalise(ask.noun)} offers ${listText(items)} (KBLI ${link.from}): ${link.what}, a main input of KBLI ${code}${onPrimary ? '' : ', a secondary line of the IKM'}, ${SOURCE}.`,
  );
};
