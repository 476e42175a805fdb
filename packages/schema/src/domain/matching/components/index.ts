import type { Factor } from '../types';
import { capacityFit } from './capacity';
import { certificationFit } from './certification';
import type { Component } from './common';
import { districtFit } from './district';
import { feedbackFit } from './feedback';
import { productFit } from './product';
import { readinessFit } from './readiness';
import { sectorFit } from './sector';
import { supplyChainFit } from './supply-chain';
import { ticketFit } from './ticket';

/** The component that measures each factor. */
export const COMPONENTS: Readonly<Record<Factor, Component>> = {
  SECTOR: sectorFit,
  SUPPLY_CHAIN: supplyChainFit,
  PRODUCT: productFit,
  CAPACITY: capacityFit,
  DISTRICT: districtFit,
  CERTIFICATION: certificationFit,
  TICKET_SIZE: ticketFit,
  READINESS: readinessFit,
  FEEDBACK: feedbackFit,
};

export type { Component, ComponentContext } from './common';
export { capacityFit, certificationFit, districtFit, feedbackFit, productFit, readinessFit, sectorFit, supplyChainFit, ticketFit };
