/**
 * A partner getting ready for the next Temu Bisnis forum (business matchmaking day): register the
 * organisation if it is not registered yet, read which IKM have registered, rank them by how well
 * they fit the partner (each with its reasons), and send meeting requests to the best ones. Safe to
 * run again: it registers once and never asks the same IKM twice.
 *
 *   TEMU_BISNIS_ENDPOINT=http://localhost:4000/graphql TEMU_BISNIS_TOKEN=… \
 *     pnpm --filter @temu-bisnis/examples forum [-- <forum slug>]
 *
 * Run by a person of the partner (TEMU_BISNIS_TOKEN) or by its program (TEMU_BISNIS_API_KEY with
 * the scope SESSIONS_WRITE; TEMU_BISNIS_ATTENDEES then names who will sit at the table).
 */
import { type Enterprise, type Forum, type Opportunity, type Partner, TemuBisnisClient, TemuBisnisError } from '@temu-bisnis/sdk';

/** Meeting requests to send per run. */
const REQUESTS = 3;
/** A sector match alone is not worth a meeting: ask only IKM whose products or KBLI fit. */
const MIN_SCORE = 3;

function clientFromEnv(): TemuBisnisClient {
  const apiKey = process.env.TEMU_BISNIS_API_KEY;
  const token = process.env.TEMU_BISNIS_TOKEN;
  if (!apiKey && !token) throw new Error('Set TEMU_BISNIS_TOKEN (a person of the partner) or TEMU_BISNIS_API_KEY (its program).');
  return new TemuBisnisClient({ endpoint: process.env.TEMU_BISNIS_ENDPOINT ?? 'http://localhost:4000/graphql', apiKey, token });
}

/** Why the partner should meet this IKM; score 0 when nothing about their business fits. */
function fit(enterprise: Enterprise, partner: Partner, ourRequests: Opportunity[]): { reasons: string[]; score: number } {
  const reasons: string[] = [];
  let score = 0;
  const categories = new Set(enterprise.products.map((p) => p.category));
  const products = partner.productCategories.filter((c) => categories.has(c));
  if (products.length) {
    reasons.push(`makes ${products.join(', ')}`);
    score += 3;
  }
  const kbli = partner.kbliPrefixes.filter((prefix) => enterprise.kbliCodes.some((k) => k.code.startsWith(prefix)));
  if (kbli.length) {
    reasons.push(`KBLI ${kbli.join(', ')}`);
    score += 2;
  }
  if (partner.sectors.includes(enterprise.sector)) {
    reasons.push(`sector ${enterprise.sector}`);
    score += 1;
  }
  if (score === 0) return { reasons, score };
  const held = new Set(enterprise.certifications.filter((c) => c.isValid).map((c) => c.kind));
  const answerable = ourRequests.find(
    (o) => (!o.productCategory || categories.has(o.productCategory)) && o.requiredCertifications.every((c) => held.has(c)),
  );
  if (answerable) {
    reasons.push(`can answer our "${answerable.title}"`);
    score += 2;
  }
  if (partner.servesWholeCity || partner.districtCodes.includes(enterprise.district.code)) {
    reasons.push(`in ${enterprise.district.name}, which we serve`);
    score += 1;
  }
  return { reasons, score };
}

async function nextForum(client: TemuBisnisClient): Promise<Forum> {
  const slug = process.argv[2];
  const forum = slug
    ? await client.sessions.getBySlug(slug)
    : (await client.sessions.list({ filter: { status: ['REGISTRATION_OPEN'] }, orderBy: [{ field: 'DATE', direction: 'ASC' }], first: 1 })).nodes[0];
  if (!forum) throw new Error(slug ? `No forum with slug "${slug}".` : 'No forum is open for registration.');
  return forum;
}

async function main(): Promise<void> {
  const client = clientFromEnv();
  const viewer = await client.viewer();
  const partner = viewer.partner && (await client.partners.get(viewer.partner.id));
  if (!partner) throw new Error('Run this as a partner organisation (a person of it, or its API key).');
  const forum = await nextForum(client);
  console.log(`${forum.title}: ${forum.date}, ${forum.venue} (${forum.status}); ${forum.slots.filter((s) => !s.isBreak).length} slots of ${forum.meetingMinutes} min, ${forum.tableCount} tables`);

  // 1. Register once.
  const registration = forum.myParticipants.find((p) => p.side === 'PARTNER');
  let participantId: string;
  if (registration) {
    participantId = registration.id;
    console.log(`${partner.name} is registered (${registration.attendees?.join(', ')}; ${registration.meetingCount ?? 0} meetings booked)`);
  } else {
    const attendees = process.env.TEMU_BISNIS_ATTENDEES?.split(',').map((a) => a.trim()).filter(Boolean) ?? [viewer.user?.name ?? `Perwakilan ${partner.name}`];
    const registered = await client.sessions.register({ forumId: forum.id, partnerId: partner.id, attendees, meetingCap: 6 });
    participantId = registered.id;
    console.log(`Registered ${registered.name} with ${attendees.join(', ')} (at most ${registered.meetingCap} meetings)`);
  }

  // 2. Who we already asked, and the IKM registered.
  const asked = new Set<string>();
  for await (const request of client.sessions.iterateMeetingRequests(forum.id)) {
    if (request.requester.id === participantId) asked.add(request.recipient.id);
  }
  const ourRequests: Opportunity[] = [];
  for await (const o of client.opportunities.iterate({ filter: { openOnly: true, partnerKind: partner.kind } })) {
    if (o.partner?.id === partner.id) ourRequests.push(o);
  }
  const candidates: { participantId: string; enterprise: Enterprise; reasons: string[]; score: number }[] = [];
  for await (const p of client.sessions.iterateParticipants(forum.id, { side: 'ENTERPRISE' })) {
    if (!p.enterprise || asked.has(p.id)) continue;
    const enterprise = await client.enterprises.get(p.enterprise.id);
    if (!enterprise) continue;
    const { reasons, score } = fit(enterprise, partner, ourRequests);
    if (score >= MIN_SCORE) candidates.push({ participantId: p.id, enterprise, reasons, score });
  }
  candidates.sort((a, b) => b.score - a.score || a.enterprise.name.localeCompare(b.enterprise.name));
  console.log(`IKM registered that fit us: ${candidates.length} (already asked: ${asked.size})`);

  // 3. Ask the best ones for a meeting; the priority tells the scheduler how much we want it.
  for (const c of candidates.slice(0, REQUESTS)) {
    const priority = Math.min(5, Math.max(1, c.score - 3));
    const request = await client.sessions.requestMeeting(
      {
        fromParticipantId: participantId,
        toParticipantId: c.participantId,
        priority,
        message: `${partner.name}: kami tertarik bertemu karena ${c.reasons.join('; ')}.`,
      },
      { idempotencyKey: `meeting-request:${forum.id}:${participantId}:${c.participantId}` },
    );
    console.log(`  Requested a meeting with ${c.enterprise.name} (priority ${priority}, ${request.status}, answer by ${request.expiresAt.slice(0, 10)}): ${c.reasons.join('; ')}`);
  }
  for (const c of candidates.slice(REQUESTS, REQUESTS + 3)) console.log(`  Next in line: ${c.enterprise.name} (${c.reasons.join('; ')})`);
  console.log(`Done: ${Math.min(REQUESTS, candidates.length)} request(s) sent; the IKM answer until the schedule is published.`);
}

main().catch((error: unknown) => {
  if (error instanceof TemuBisnisError) {
    console.error(`${error.name}: ${error.message} (HTTP ${error.status ?? '-'}, request ${error.requestId ?? '-'})`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
