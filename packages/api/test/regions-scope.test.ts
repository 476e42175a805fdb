import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buyRequest, codes, ACCEPT as SHARE_ACCEPT, DECLINE as SHARE_DECLINE, DELIVER, PROPOSE, SEND, sentraWith, setCapacity } from './consortium-fixtures';
import {
  bookMeeting,
  createForum,
  type ForumHandle,
  forumCreateInput,
  freeOrganisations,
  moveForumDayToNow,
  REQUEST_ACCEPT,
  REQUEST_CREATE,
  register,
  registerOk,
} from './forum-fixtures';
import { type Fingerprint, fingerprint } from './support/fingerprint';
import { globalId } from './support/ids';
import { startTestServer, type TestServer } from './support/server';

/**
 * The staff's region over the work they do at a forum for its participants, over consortium
 * offers and over what they record for an IKM (opportunities, financing needs, consents), through
 * HTTP: an officer of another kabupaten/kota gets a FORBIDDEN user error on the field naming the
 * record (before any validation of the rest of the input) and nothing is written; the record's own
 * office and the provincial office succeed. A forum without a kecamatan belongs to the office that
 * organises it.
 */

let api: TestServer;
let semarangOfficer: Record<string, string>;
let demakOfficer: Record<string, string>;
let provincialOfficer: Record<string, string>;

/** A mutation document: `name(input)` selecting `selection` and the user errors. */
const op = (name: string, inputType: string, selection: string) =>
  `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} userErrors { code field message } } }`;

type Payload = { userErrors: { code: string; field: string[]; message: string }[] };
const payloadOf = (res: { data?: Record<string, unknown> | null }) => Object.values(res.data!)[0] as Payload;

/**
 * Sends the operation as `headers` and expects only FORBIDDEN on `field`, a message without the
 * input's values, and no row changed anywhere (but in the tables `ignored`).
 */
async function refused(headers: Record<string, string>, document: string, input: Record<string, unknown>, field: string[], ignored: string[] = []) {
  const rows = async (): Promise<Fingerprint> => Object.fromEntries(Object.entries(await fingerprint(api.db)).filter(([table]) => !ignored.includes(table)));
  const before = await rows();
  const res = await api.gql(document, { input }, headers);
  expect(res.errors).toBeUndefined();
  const { userErrors } = payloadOf(res);
  expect(userErrors.map((e) => [e.code, e.field])).toEqual([['FORBIDDEN', field]]);
  expect(userErrors[0]!.message).toContain('outside the region of your Disperin office');
  for (const value of Object.values(input)) if (typeof value === 'string' && value !== '') expect(userErrors[0]!.message).not.toContain(value);
  expect(await rows()).toEqual(before);
}

async function succeeds(headers: Record<string, string>, document: string, input: Record<string, unknown>) {
  const res = await api.gql(document, { input }, headers);
  expect(res.errors).toBeUndefined();
  const payload = payloadOf(res);
  expect(payload.userErrors).toEqual([]);
  return payload as Payload & Record<string, never>;
}

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  semarangOfficer = await api.as('petugas.ikm@disperin.semarangkota.go.id');
  demakOfficer = await api.as('petugas.ikm@disperin.demakkab.go.id');
  provincialOfficer = await api.as('petugas.ikm@disperindag.jatengprov.go.id');
});
afterAll(() => api.close());

const UPDATE_PARTICIPANT = op('forumParticipantUpdate', 'ForumParticipantUpdateInput', 'participant { id attendees }');
const REQUEST_DECLINE = op('meetingRequestDecline', 'MeetingRequestIdInput', 'request { id }');
const REQUEST_CANCEL = op('meetingRequestCancel', 'MeetingRequestIdInput', 'request { id }');
const CHECK_IN = op('meetingCheckIn', 'MeetingCheckInInput', 'meeting { id status }');
const OUTCOME = op('meetingOutcomeRecord', 'MeetingOutcomeInput', 'meeting { id outcome }');
const FEEDBACK = op('meetingFeedbackSubmit', 'MeetingFeedbackInput', 'meeting { id }');
const FOLLOW_UP = op('meetingFollowUpRecord', 'MeetingFollowUpInput', 'meeting { id }');
const REGISTER_DOC = op('forumRegister', 'ForumRegisterInput', 'participant { id }');
const FORUM_UPDATE = op('forumUpdate', 'ForumUpdateInput', 'forum { venue district { code } organiserRegency { code } }');
const IMPORT = op('forumParticipantImport', 'ForumParticipantImportInput', 'participants { id } createdEnterprises');
const WITHDRAW = op('consortiumOfferWithdraw', 'ConsortiumOfferSendInput', 'offer { id }');
const POST = op('opportunityPost', 'OpportunityPostInput', 'opportunity { id }');
const OPP_UPDATE = op('opportunityUpdate', 'OpportunityUpdateInput', 'opportunity { id title }');
const OPP_CLOSE = op('opportunityClose', 'OpportunityCloseInput', 'opportunity { id status }');
const NEED = op('financingNeedCreate', 'FinancingNeedCreateInput', 'financingNeed { id }');
const NEED_WITHDRAW = op('financingNeedWithdraw', 'FinancingNeedWithdrawInput', 'financingNeed { status }');
const GRANT = op('consentGrant', 'ConsentGrantInput', 'consent { id }');
const REVOKE = op('consentRevoke', 'ConsentRevokeInput', 'consent { id }');

describe('forum work for participants follows the forum: a Kabupaten Demak forum', () => {
  let forum: ForumHandle;
  let ikm: { id: string }[];
  let partners: { id: string }[];
  let a: string;
  let b: string;
  let c: string;

  beforeAll(async () => {
    forum = await createForum(api, demakOfficer, { districtCode: '33.21.11', venue: 'Pendopo Kabupaten Demak' });
    ({ enterprises: ikm, partners } = await freeOrganisations(api, forum.dbId, { enterprises: 3, partners: 3 }));
    a = await registerOk(api, demakOfficer, forum.id, { enterpriseId: ikm[0]!.id });
    b = await registerOk(api, demakOfficer, forum.id, { partnerId: partners[0]!.id });
    c = await registerOk(api, demakOfficer, forum.id, { partnerId: partners[1]!.id });
  });

  it('registering: the Kota Semarang officer is refused (even with invalid attendees), Demak and the province register', async () => {
    const input = { forumId: forum.id, enterpriseId: globalId('Enterprise', ikm[1]!.id), attendees: ['Peserta Semarang'] };
    await refused(semarangOfficer, REGISTER_DOC, input, ['input', 'forumId']);
    await refused(semarangOfficer, REGISTER_DOC, { ...input, attendees: [], meetingCap: 999 }, ['input', 'forumId']);
    expect(payloadOf(await register(api, demakOfficer, input)).userErrors).toEqual([]);
    expect(payloadOf(await register(api, provincialOfficer, { ...input, enterpriseId: globalId('Enterprise', ikm[2]!.id) })).userErrors).toEqual([]);
    await refused(semarangOfficer, UPDATE_PARTICIPANT, { id: a, attendees: ['Diubah Semarang'] }, ['input', 'id']);
    await refused(semarangOfficer, UPDATE_PARTICIPANT, { id: a, attendees: [] }, ['input', 'id']);
    await succeeds(demakOfficer, UPDATE_PARTICIPANT, { id: a, attendees: ['Diubah Demak'] });
    await succeeds(provincialOfficer, UPDATE_PARTICIPANT, { id: a, attendees: ['Diubah provinsi'] });
  });

  it('meeting requests: the Kota Semarang officer neither sends nor answers nor withdraws them', async () => {
    await refused(semarangOfficer, REQUEST_CREATE, { fromParticipantId: a, toParticipantId: b, message: 'Dari Semarang', priority: 3 }, ['input', 'fromParticipantId']);
    const sent = await succeeds(demakOfficer, REQUEST_CREATE, { fromParticipantId: a, toParticipantId: b, message: 'Dari Demak', priority: 3 });
    const id = (sent as unknown as { request: { id: string } }).request.id;
    await refused(semarangOfficer, REQUEST_ACCEPT, { id, bookNow: true }, ['input', 'id']);
    // A slot of another forum: validation would say so; the region is refused first.
    await refused(semarangOfficer, REQUEST_ACCEPT, { id, bookNow: true, slotId: globalId('ForumSlot', '00000000-0000-0000-0000-000000000001') }, ['input', 'id']);
    await refused(semarangOfficer, REQUEST_DECLINE, { id }, ['input', 'id']);
    await refused(semarangOfficer, REQUEST_CANCEL, { id }, ['input', 'id']);
    await succeeds(provincialOfficer, REQUEST_DECLINE, { id });
  });

  it('check-in, outcome, feedback and follow-up: refused to Kota Semarang, done by Demak and the province', async () => {
    const meetingId = await bookMeeting(api, demakOfficer, a, c);
    await moveForumDayToNow(api, forum.dbId, 30);
    await api.db.prisma.matchmakingSession.update({ where: { id: forum.dbId }, data: { status: 'IN_PROGRESS' } });
    await refused(semarangOfficer, CHECK_IN, { meetingId, participantId: a }, ['input', 'meetingId']);
    await refused(semarangOfficer, OUTCOME, { meetingId, outcome: 'DEAL', dealValue: '25000000' }, ['input', 'meetingId']);
    // An invalid deal value: still only the region's refusal.
    await refused(semarangOfficer, OUTCOME, { meetingId, outcome: 'NO_INTEREST', dealValue: '5000' }, ['input', 'meetingId']);
    await refused(semarangOfficer, FEEDBACK, { meetingId, participantId: a, rating: 5 }, ['input', 'meetingId']);
    await refused(semarangOfficer, FOLLOW_UP, { meetingId, monthsAfter: 3, stage: 'NEGOTIATION_STARTED' }, ['input', 'meetingId']);
    await succeeds(demakOfficer, CHECK_IN, { meetingId, participantId: a });
    await succeeds(provincialOfficer, CHECK_IN, { meetingId, participantId: c });
    await succeeds(demakOfficer, OUTCOME, { meetingId, outcome: 'FOLLOW_UP' });
    await succeeds(provincialOfficer, OUTCOME, { meetingId, outcome: 'DEAL', dealValue: '25000000' });
    await succeeds(demakOfficer, FEEDBACK, { meetingId, participantId: a, rating: 5 });
    await succeeds(provincialOfficer, FEEDBACK, { meetingId, participantId: c, rating: 4 });
    expect(await api.db.prisma.meeting.findFirstOrThrow({ where: { sessionId: forum.dbId } })).toMatchObject({ status: 'HELD', outcome: 'DEAL' });
  });
});

describe('a roster import adds new IKM only in the importing office\'s kabupaten/kota', () => {
  it("Kota Semarang's officer may not add an IKM of Demak through its forum's roster; Demak's kecamatan is the province's or Demak's to add", async () => {
    const forum = await createForum(api, semarangOfficer);
    const header = 'name,nib,partner,role,availability,cap,sector,district,founded,attendees';
    const row = (nib: string, district: string) => `Kerajinan Uji ${nib},${nib},,IKM,all,,CRAFT,${district},2019-07-15,`;
    const csv = (...rows: string[]) => [header, ...rows].join('\n');
    // Its own forum: the import's progress record says it was refused; nothing else is written.
    const both = csv(row('6621000000001', '33.74.12'), row('6621000000002', '33.21.11'));
    await refused(semarangOfficer, IMPORT, { forumId: forum.id, csv: both }, ['input', 'rows', '3', 'district'], ['ForumProgress']);
    // Another office's forum: refused before anything, the progress record included.
    await refused(demakOfficer, IMPORT, { forumId: forum.id, csv: csv(row('6621000000003', '33.21.11')) }, ['input', 'forumId']);
    const own = await succeeds(semarangOfficer, IMPORT, { forumId: forum.id, csv: csv(row('6621000000001', '33.74.12')) });
    expect((own as unknown as { createdEnterprises: number }).createdEnterprises).toBe(1);
    const province = await succeeds(provincialOfficer, IMPORT, { forumId: forum.id, csv: csv(row('6621000000002', '33.21.11')) });
    expect((province as unknown as { createdEnterprises: number }).createdEnterprises).toBe(1);
  });
});

describe('a forum is created in its office\'s kabupaten/kota, refused before its input is checked', () => {
  const FORUM_CREATE = op('forumCreate', 'ForumCreateInput', 'forum { id }');

  it('a kecamatan of Demak with a taken slug and an empty title: the Kota Semarang officer gets FORBIDDEN alone; Demak gets the validation', async () => {
    const taken = await createForum(api, demakOfficer, { districtCode: '33.21.11' }, { open: false });
    const { slug } = await api.db.prisma.matchmakingSession.findUniqueOrThrow({ where: { id: taken.dbId }, select: { slug: true } });
    const input = forumCreateInput({ districtCode: '33.21.11', slug, title: '' });
    await refused(semarangOfficer, FORUM_CREATE, input, ['input', 'districtCode']);
    await refused(semarangOfficer, FORUM_CREATE, { ...input, title: 'Temu Bisnis Demak' }, ['input', 'districtCode']);
    const own = await api.gql(FORUM_CREATE, { input: { ...input, title: 'Temu Bisnis Demak' } }, demakOfficer);
    expect(payloadOf(own).userErrors.map((e) => [e.code, e.field])).toEqual([['TAKEN', ['input', 'slug']]]);
    const invalid = await api.gql(FORUM_CREATE, { input }, provincialOfficer);
    expect(payloadOf(invalid).userErrors.map((e) => e.code)).toContain('REQUIRED');
  });
});

describe('a forum without a kecamatan belongs to the office that organises it', () => {
  it("is the creating office's: Demak is refused, Kota Semarang and the province change it", async () => {
    const online = await createForum(api, semarangOfficer, { districtCode: null, venue: 'Daring (Zoom)' }, { open: false });
    const row = await api.db.prisma.matchmakingSession.findUniqueOrThrow({ where: { id: online.dbId }, include: { organiserRegency: true } });
    expect(row.districtId).toBeNull();
    expect(row.organiserRegency?.code).toBe('33.74');
    await refused(demakOfficer, FORUM_UPDATE, { id: online.id, venue: 'Daring Demak' }, ['input', 'id']);
    await refused(demakOfficer, FORUM_UPDATE, { id: online.id, title: '' }, ['input', 'id']);
    const own = await succeeds(semarangOfficer, FORUM_UPDATE, { id: online.id, venue: 'Daring (Google Meet)' });
    expect((own as unknown as { forum: unknown }).forum).toEqual({ venue: 'Daring (Google Meet)', district: null, organiserRegency: { code: '33.74' } });
    await succeeds(provincialOfficer, FORUM_UPDATE, { id: online.id, venue: 'Daring (Zoom)' });
  });

  it("the province's forum without a kecamatan is the province's; an office cannot take a kecamatan away to make a forum another office's", async () => {
    const provincial = await createForum(api, provincialOfficer, { districtCode: null, venue: 'Daring Provinsi' }, { open: false });
    expect((await api.db.prisma.matchmakingSession.findUniqueOrThrow({ where: { id: provincial.dbId } })).organiserRegencyId).toBeNull();
    await refused(semarangOfficer, FORUM_UPDATE, { id: provincial.id, venue: 'Daring Semarang' }, ['input', 'id']);
    await refused(semarangOfficer, REGISTER_DOC, { forumId: provincial.id, enterpriseId: globalId('Enterprise', (await api.db.prisma.enterprise.findFirstOrThrow({ where: { status: 'ACTIVE' } })).id), attendees: ['X'] }, ['input', 'forumId']);
    // Held in Kota Semarang by the province: Kota Semarang's office changes it, but cannot remove its kecamatan.
    const inSemarang = await createForum(api, provincialOfficer, { districtCode: '33.74.02' }, { open: false });
    await succeeds(semarangOfficer, FORUM_UPDATE, { id: inSemarang.id, venue: 'Balai Kota Semarang' });
    await refused(semarangOfficer, FORUM_UPDATE, { id: inSemarang.id, districtCode: null }, ['input', 'districtCode']);
    await succeeds(provincialOfficer, FORUM_UPDATE, { id: inSemarang.id, districtCode: null });
  });
});

describe('consortium offers follow the sentra: a sentra of Kabupaten Demak', () => {
  it('only Demak and the province propose, answer for members, send, record deliveries and withdraw', async () => {
    const district = await api.db.prisma.district.findFirstOrThrow({ where: { code: '33.21.11' } });
    const { sentra, members } = await sentraWith(api, 2, district.id);
    for (const m of members) expect((await setCapacity(api, demakOfficer, m.id, 1_000, 100)).data!.consortiumCapacitySet.userErrors).toEqual([]);
    const buyer = await api.db.prisma.partner.findFirstOrThrow({ where: { kind: 'BUYER', status: 'ACTIVE' }, orderBy: { slug: 'asc' } });
    const request = await buyRequest(api, buyer.id, 600);
    const input = { opportunityId: globalId('Opportunity', request.id), sentraId: globalId('Sentra', sentra.id), coordinatorId: globalId('Enterprise', members[0]!.id) };
    await refused(semarangOfficer, PROPOSE, input, ['input', 'sentraId']);
    await refused(semarangOfficer, PROPOSE, { ...input, coordinatorId: globalId('Enterprise', '00000000-0000-0000-0000-000000000001') }, ['input', 'sentraId']);
    const proposed = (await api.gql(PROPOSE, { input }, demakOfficer)).data!.consortiumOfferPropose;
    expect(proposed.userErrors).toEqual([]);
    const shares = proposed.offer.shares as { id: string }[];
    const offerId = proposed.offer.id as string;

    await refused(semarangOfficer, SHARE_ACCEPT, { shareId: shares[0]!.id }, ['input', 'shareId']);
    await refused(semarangOfficer, SHARE_DECLINE, { shareId: shares[0]!.id }, ['input', 'shareId']);
    await succeeds(demakOfficer, SHARE_ACCEPT, { shareId: shares[0]!.id });
    for (const share of shares.slice(1)) await succeeds(provincialOfficer, SHARE_ACCEPT, { shareId: share.id });

    await refused(semarangOfficer, SEND, { offerId }, ['input', 'offerId']);
    await succeeds(provincialOfficer, SEND, { offerId });

    const today = new Date().toISOString().slice(0, 10);
    await refused(semarangOfficer, DELIVER, { shareId: shares[0]!.id, quantity: 10, deliveredOn: today }, ['input', 'shareId']);
    // Invalid quantity and a future date: validation comes after the region.
    await refused(semarangOfficer, DELIVER, { shareId: shares[0]!.id, quantity: 0, deliveredOn: '2099-01-01' }, ['input', 'shareId']);
    await succeeds(demakOfficer, DELIVER, { shareId: shares[0]!.id, quantity: 10, deliveredOn: today });
    await succeeds(provincialOfficer, DELIVER, { shareId: shares[0]!.id, quantity: 5, deliveredOn: today });

    await refused(semarangOfficer, WITHDRAW, { offerId }, ['input', 'offerId']);
    expect(codes((await api.gql(WITHDRAW, { input: { offerId } }, demakOfficer)).data!.consortiumOfferWithdraw)).toEqual(['input.offerId:INVALID_TRANSITION']);
  });
});

describe("what staff record for an IKM follows the IKM's kabupaten/kota: opportunities, financing needs, consents", () => {

  it('the Kota Semarang officer is refused for an IKM of Demak; Demak and the province record', async () => {
    const demak = await api.db.prisma.enterprise.findFirstOrThrow({ where: { status: 'ACTIVE', district: { regency: { code: '33.21' } } }, orderBy: { nib: 'asc' } });
    const enterpriseId = globalId('Enterprise', demak.id);
    const validUntil = new Date(Date.now() + 60 * 86_400_000).toISOString();
    const offer = { enterpriseId, kind: 'SELL_OFFER', title: 'Kerupuk ikan Demak', quantity: 300, unit: 'pak', validUntil };
    await refused(semarangOfficer, POST, offer, ['input', 'enterpriseId']);
    await refused(semarangOfficer, POST, { ...offer, quantity: -1, title: '' }, ['input', 'enterpriseId']);
    const posted = (await api.gql(POST, { input: offer }, demakOfficer)).data!.opportunityPost;
    expect(posted.userErrors).toEqual([]);
    const id = posted.opportunity.id as string;
    await refused(semarangOfficer, OPP_UPDATE, { id, title: 'Kerupuk ikan (Semarang)' }, ['input', 'id']);
    await succeeds(provincialOfficer, OPP_UPDATE, { id, title: 'Kerupuk ikan bandeng Demak' });
    await refused(semarangOfficer, OPP_CLOSE, { id, reason: 'CLOSED' }, ['input', 'id']);
    await succeeds(demakOfficer, OPP_CLOSE, { id, reason: 'CLOSED' });
    // Already CLOSED: validation would say so; the region is refused first.
    await refused(semarangOfficer, OPP_CLOSE, { id, reason: 'CLOSED' }, ['input', 'id']);

    const need = { enterpriseId, amount: '45000000', purpose: 'INVESTMENT', tenorMonths: 36 };
    await refused(semarangOfficer, NEED, need, ['input', 'enterpriseId']);
    const stated = (await api.gql(NEED, { input: need }, demakOfficer)).data!.financingNeedCreate;
    expect(stated.userErrors).toEqual([]);
    await refused(semarangOfficer, NEED_WITHDRAW, { id: stated.financingNeed.id }, ['input', 'id']);
    await succeeds(provincialOfficer, NEED_WITHDRAW, { id: stated.financingNeed.id });
    // Withdrawn already (a no-op for its own offices): still refused to another office.
    await refused(semarangOfficer, NEED_WITHDRAW, { id: stated.financingNeed.id }, ['input', 'id']);

    const grant = { enterpriseId, funderType: 'BANK', scopes: ['PROFILE'], expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() };
    await refused(semarangOfficer, GRANT, grant, ['input', 'enterpriseId']);
    const granted = (await api.gql(GRANT, { input: grant }, demakOfficer)).data!.consentGrant;
    expect(granted.userErrors).toEqual([]);
    await refused(semarangOfficer, REVOKE, { id: granted.consent.id }, ['input', 'id']);
    await succeeds(provincialOfficer, REVOKE, { id: granted.consent.id });
  });
});
