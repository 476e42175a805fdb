import { DAY_MS, STAFF, unique } from './forum-fixtures';
import { globalId } from './support/ids';
import type { TestServer } from './support/server';

/** Shared by the consortium tests: the operations, a sentra of fresh IKM, a buy request, capacity. */

export const CAPACITY = /* GraphQL */ `
  mutation ($input: ConsortiumCapacitySetInput!) { consortiumCapacitySet(input: $input) { capacity { unit monthlyCapacity sharePercent } userErrors { code field message } } }`;
export const PROPOSE = /* GraphQL */ `
  mutation ($input: ConsortiumOfferProposeInput!) {
    consortiumOfferPropose(input: $input) {
      offer { id status quantity unit acceptedQuantity coordinator { id } contact { name email } shares { id quantity status reasons enterprise { id } } }
      userErrors { code field message }
    }
  }`;
export const ACCEPT = /* GraphQL */ `
  mutation ($input: ConsortiumShareAnswerInput!) { consortiumShareAccept(input: $input) { share { id status } userErrors { code field message } } }`;
export const DECLINE = /* GraphQL */ `
  mutation ($input: ConsortiumShareAnswerInput!) { consortiumShareDecline(input: $input) { share { id status } userErrors { code field message } } }`;
export const SEND = /* GraphQL */ `
  mutation ($input: ConsortiumOfferSendInput!) { consortiumOfferSend(input: $input) { offer { id status acceptedQuantity } userErrors { code field message } } }`;
export const DELIVER = /* GraphQL */ `
  mutation ($input: ConsortiumDeliveryRecordInput!) { consortiumDeliveryRecord(input: $input) { delivery { quantity deliveredOn } userErrors { code field message } } }`;

export const codes = (payload: { userErrors: { code: string; field: string[] }[] }) => payload.userErrors.map((u) => `${u.field.join('.')}:${u.code}`);

let nib = 0;
/** A sentra of fresh IKM (no capacity stated yet). */
/** What every consortium test starts from: staff headers, Gunungpati's id and the first active buyer's. */
export async function consortiumSetting(api: TestServer) {
  return {
    staff: await api.as(STAFF),
    districtId: (await api.db.prisma.district.findFirstOrThrow({ where: { code: '33.74.12' } })).id,
    buyerId: (await api.db.prisma.partner.findFirstOrThrow({ where: { kind: 'BUYER', status: 'ACTIVE' }, orderBy: { slug: 'asc' } })).id,
  };
}

export async function sentraWith(api: TestServer, count: number, districtId: string) {
  const tag = unique();
  const sentra = await api.db.prisma.sentra.create({ data: { slug: `sentra-uji-${tag}`, name: `Sentra Uji ${tag}`, landmark: 'Balai uji', districtId, sector: 'BATIK' } });
  const members = [];
  for (let i = 0; i < count; i += 1) {
    nib += 1;
    members.push(
      await api.db.prisma.enterprise.create({
        data: { nib: `88${String(Date.now() % 1e6).padStart(6, '0')}${String(nib).padStart(5, '0')}`, name: `IKM ${tag} ${i}`, sector: 'BATIK', districtId, sentraId: sentra.id, foundedOn: new Date('2015-01-01') },
      }),
    );
  }
  return { sentra, members };
}

export async function buyRequest(api: TestServer, buyerId: string, quantity: number, validForDays = 30) {
  const now = Date.now();
  return api.db.prisma.opportunity.create({
    data: {
      kind: 'BUY_REQUEST',
      title: `Masker batik ${unique()}`,
      partnerId: buyerId,
      quantity,
      unit: 'pcs',
      validFrom: new Date(now - 2 * DAY_MS),
      validUntil: new Date(now + validForDays * DAY_MS),
    },
  });
}

export async function setCapacity(api: TestServer, headers: Record<string, string>, enterpriseId: string, monthlyCapacity: number, sharePercent: number) {
  return api.gql(CAPACITY, { input: { enterpriseId: globalId('Enterprise', enterpriseId), unit: 'PCS', monthlyCapacity, sharePercent } }, headers);
}
