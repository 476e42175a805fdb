import { formatRupiah } from '../../money';
import { capitalise } from '../text';
import { type Component, evaluation } from './common';

/**
 * Ticket size against the financing need: a funder lends within its range, both ends included,
 * and not outside it, so the fit is yes or no (one rupiah outside is outside). An IKM without an
 * open need gives a funder nothing to fund.
 */
export const ticketFit: Component = (enterprise, ask) => {
  const need = enterprise.financingNeed;
  const { min, max } = ask.ticket;
  const noun = ask.noun;
  if (need === null) {
    return evaluation('TICKET_SIZE', 0, `No open financing need (kebutuhan pembiayaan) is recorded, so no ticket of ${noun} fits.`);
  }
  const needText = `${formatRupiah(need)} financing need (kebutuhan pembiayaan)`;
  if (min === null && max === null) {
    return evaluation('TICKET_SIZE', 1, `${capitalise(noun)} states no ticket range, so the ${needText} fits.`);
  }
  const range = [min === null ? null : `from ${formatRupiah(min)}`, max === null ? null : `up to ${formatRupiah(max)}`]
    .filter((part) => part !== null)
    .join(' ');
  if (min !== null && need < min) {
    return evaluation('TICKET_SIZE', 0, `The ${needText} is ${formatRupiah(min - need)} below the smallest ticket of ${noun}, ${formatRupiah(min)}.`);
  }
  if (max !== null && need > max) {
    return evaluation('TICKET_SIZE', 0, `The ${needText} is ${formatRupiah(need - max)} above the largest ticket of ${noun}, ${formatRupiah(max)}.`);
  }
  return evaluation('TICKET_SIZE', 1, `The ${needText} is within the ticket range of ${noun}: ${range}.`);
};
