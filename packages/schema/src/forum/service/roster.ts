import { idOf } from '../../common/global-id';
import { refuse, refuseIf, runMutationInto, TX_OPTIONS, underInput } from '../../common/mutation';
import { outsideRegion } from '../../common/region';
import { forumRegionFirst } from './region';
import { type UserError, userError } from '../../common/user-errors';
import type { Context } from '../../context';
import { unknownDistrict } from '../../district/codes';
import { localParts, parseRoster, registrationProblems, type RosterRow } from '../../domain/forum';
import { type Problem, problem } from '../../domain/problems';
import { searchText } from '../../domain/search';
import type { ForumParticipant, Sector } from '../../generated/prisma/client';
import { Sector as SECTORS } from '../../generated/prisma/enums';
import { trackProgress } from './progress';
import { lockForum } from './store';

/** forumParticipantImport: a roster CSV registered in one transaction, registry entries created where missing. */

export interface ImportResult {
  participants: ForumParticipant[];
  createdEnterprises: number;
  createdPartners: number;
}

const at = (row: number, column: string) => ['rows', String(row), column];

/**
 * Registers every row of the roster, or none: the file is parsed and checked first (every
 * problem of every row at once), then the registry is read for the NIBs and partner slugs it
 * names, then enterprises and partners that are missing are created and every row registered,
 * all in one transaction under the forum's exclusive lock.
 */
export async function importRoster(ctx: Context, input: { forumId: string | number; csv: string }) {
  const none = { participants: null, createdEnterprises: null, createdPartners: null };
  const forumId = idOf(String(input.forumId), 'Forum');
  if (!forumId) return { ...none, userErrors: [userError('NOT_FOUND', ['input', 'forumId'], 'No forum has this ID.')] };
  // Another office's officer is refused before the progress record is written.
  const { region, outside } = await forumRegionFirst(ctx, { id: forumId }, ['input', 'forumId']);
  if (outside.length > 0) return { ...none, userErrors: outside };
  const progress = trackProgress(ctx.prisma, forumId, 'IMPORT', 0);
  const result = await runMutationInto<ImportResult>(
    ctx,
    {
      region: () => region,
      run: async (tx) => {
        const forum = await lockForum(tx, forumId, 'UPDATE');
        if (!forum) refuse(userError('NOT_FOUND', ['input', 'forumId'], 'No forum has this ID.'));
        refuseIf(underInput(registrationProblems(forum, ctx.now, true)));
        const slots = await tx.sessionSlot.findMany({ where: { sessionId: forumId }, orderBy: { index: 'asc' } });
        const parsed = parseRoster(
          input.csv,
          slots.map((s) => ({ id: s.id, startMinutes: localParts(s.startsAt, forum.timeZone).minutes, isBreak: s.isBreak })),
        );
        progress.step('checking rows', 0, parsed.rows.length);
        const problems: Problem[] = [...parsed.problems];
        const nibs = parsed.rows.flatMap((r) => (r.nib ? [r.nib] : []));
        const slugs = parsed.rows.flatMap((r) => (r.partnerSlug ? [r.partnerSlug] : []));
        const [enterprises, partners, districts, registered] = await Promise.all([
          tx.enterprise.findMany({ where: { nib: { in: nibs } }, select: { id: true, nib: true, status: true } }),
          tx.partner.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true, status: true, kind: true } }),
          tx.district.findMany({ select: { id: true, code: true } }),
          tx.forumParticipant.findMany({ where: { sessionId: forumId }, select: { enterpriseId: true, partnerId: true } }),
        ]);
        const enterpriseByNib = new Map(enterprises.map((e) => [e.nib, e]));
        const partnerBySlug = new Map(partners.map((p) => [p.slug, p]));
        const districtByCode = new Map(districts.map((d) => [d.code, d.id]));
        const taken = new Set(registered.flatMap((p) => [p.enterpriseId, p.partnerId]).filter(Boolean));
        // An IKM new to the registry is added in its kecamatan: by staff of that kabupaten/kota's office
        // only, as enterpriseCreate (the forum's office may register IKM of anywhere already in it).
        const newIkm = parsed.rows.flatMap((r) => (r.nib && !enterpriseByNib.has(r.nib) && r.districtCode && districtByCode.has(r.districtCode) ? [r] : []));
        const targets = newIkm.map((r) => ({ districtId: districtByCode.get(r.districtCode!)!, field: at(r.row, 'district') }));
        refuseIf(underInput(await outsideRegion({ prisma: tx, viewer: ctx.viewer }, targets)));
        for (const row of parsed.rows) problems.push(...registryProblems(row, enterpriseByNib, partnerBySlug, districtByCode, taken));
        refuseIf(underInput(problems));

        progress.step('creating registry entries', 0);
        const newEnterprises = parsed.rows.filter((r) => r.nib && !enterpriseByNib.has(r.nib));
        const createdEnterprises = await tx.enterprise.createManyAndReturn({
          data: newEnterprises.map((r) => ({
            nib: r.nib!,
            name: r.name,
            sector: r.sector as Sector,
            districtId: districtByCode.get(r.districtCode!)!,
            foundedOn: r.foundedOn!,
            searchText: searchText(r.name),
          })),
          select: { id: true, nib: true },
        });
        for (const e of createdEnterprises) enterpriseByNib.set(e.nib, { ...e, status: 'ACTIVE' });
        const newPartners = parsed.rows.filter((r) => r.partnerSlug && !partnerBySlug.has(r.partnerSlug));
        const createdPartners = await tx.partner.createManyAndReturn({
          data: newPartners.map((r) => ({ slug: r.partnerSlug!, name: r.name, kind: r.role as 'BUYER', searchText: searchText(r.name) })),
          select: { id: true, slug: true, kind: true },
        });
        for (const p of createdPartners) partnerBySlug.set(p.slug, { ...p, status: 'ACTIVE' });

        progress.step('registering', 0);
        const participants = await tx.forumParticipant.createManyAndReturn({
          data: parsed.rows.map((r) => ({
            sessionId: forumId,
            enterpriseId: r.nib ? enterpriseByNib.get(r.nib)!.id : null,
            partnerId: r.partnerSlug ? partnerBySlug.get(r.partnerSlug)!.id : null,
            attendees: r.attendees,
            meetingCap: r.meetingCap,
            registeredAt: ctx.now,
            registeredById: ctx.viewer.userId,
          })),
        });
        progress.step('saving availability', Math.floor(parsed.rows.length / 2));
        await tx.participantAvailability.createMany({
          data: participants.flatMap((p, i) => parsed.rows[i]!.slotIds.map((slotId) => ({ participantId: p.id, slotId }))),
        });
        return { participants, createdEnterprises: createdEnterprises.length, createdPartners: createdPartners.length };
      },
      onUniqueViolation: () => userError('TAKEN', ['input', 'csv'], 'An organisation in the file was registered or added to the registry meanwhile; import the file again.'),
      transaction: TX_OPTIONS,
    },
    none,
  );
  progress.finish(result.userErrors.length > 0 ? 'refused' : 'done');
  await progress.settled();
  return result as typeof result & { userErrors: UserError[] };
}

/** What the registry says about a row: an archived or already registered organisation, or what a new IKM lacks. */
function registryProblems(
  row: RosterRow,
  enterpriseByNib: Map<string, { id: string; status: string }>,
  partnerBySlug: Map<string, { id: string; status: string; kind: string }>,
  districtByCode: Map<string, string>,
  taken: Set<string | null>,
): Problem[] {
  const problems: Problem[] = [];
  const existing = row.nib ? enterpriseByNib.get(row.nib) : partnerBySlug.get(row.partnerSlug!);
  const column = row.nib ? 'nib' : 'partner';
  if (existing) {
    if (existing.status !== 'ACTIVE') problems.push(problem('INVALID_VALUE', at(row.row, column), `Row ${row.row} names an archived organisation; it cannot register.`));
    if (taken.has(existing.id)) problems.push(problem('TAKEN', at(row.row, column), `Row ${row.row} names an organisation already registered for this forum.`));
    if (!row.nib && 'kind' in existing && existing.kind !== row.role) {
      problems.push(problem('INVALID_VALUE', at(row.row, 'role'), `Row ${row.row}: the registry knows this partner with another role.`));
    }
    return problems;
  }
  if (!row.nib) return problems;
  // A new IKM: the registry needs its sector, kecamatan and founding date.
  if (!row.sector) problems.push(problem('REQUIRED', at(row.row, 'sector'), `Row ${row.row} is an IKM not in the registry yet: give its sector.`));
  else if (!(row.sector in SECTORS)) problems.push(problem('INVALID_VALUE', at(row.row, 'sector'), `Row ${row.row}: the sector is not one of ${Object.keys(SECTORS).join(', ')}.`));
  if (!row.districtCode) problems.push(problem('REQUIRED', at(row.row, 'district'), `Row ${row.row} is an IKM not in the registry yet: give its kecamatan code (NN.NN.NN, e.g. 33.74.12).`));
  else if (!districtByCode.has(row.districtCode)) problems.push(unknownDistrict(at(row.row, 'district')));
  if (!row.foundedOn) problems.push(problem('REQUIRED', at(row.row, 'founded'), `Row ${row.row} is an IKM not in the registry yet: give its founding date (YYYY-MM-DD).`));
  return problems;
}
