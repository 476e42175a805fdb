import { builder, type Types } from '../../builder';
import { PairingRuleEnum } from '../../common/enums';
import { payloadType } from '../../common/payload';
import { editableIn } from '../../domain/forum';
import { MAX_TABLES, TABLE_NAME_MAX, TITLE_MAX, TITLE_MIN } from '../service/lifecycle';
import { ForumRef } from './objects';

/** Inputs and payloads of the forum's creation, changes and status transitions (mutations/lifecycle.ts). */

const ForumBreakInput = builder.inputType('ForumBreakInput', {
  description: 'A break in the forum day (coffee, lunch, prayer time).',
  fields: (t) => ({
    startTime: t.string({ required: true, description: 'When it begins, local time HH:MM, e.g. "12:00".' }),
    minutes: t.int({ required: true, description: 'How long it lasts: 5 to 180 minutes.' }),
  }),
});

/** Fields shared by create and update; on update an omitted field stays as it is. */
function forumFields(t: PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>) {
  return {
    address: t.string({ description: 'Street address of the venue, at most 300 characters.' }),
    districtCode: t.string({ description: 'Kemendagri code of the kecamatan of the venue (NN.NN.NN, e.g. 33.74.12); null for none (online, or outside Jawa Tengah). Staff of a kabupaten/kota\'s office hold forums in it only. A forum without a kecamatan belongs to the office that organises it (the creating officer\'s; Forum.organiserRegency): only that office\'s staff and the provincial office change it or act at it, so removing the kecamatan is refused to an office that does not organise the forum.' }),
    timeZone: t.string({ description: 'Time zone of the venue; Asia/Jakarta (WIB) by default. Other Indonesian zones: Asia/Pontianak, Asia/Makassar, Asia/Jayapura.' }),
    breaks: t.field({ type: [ForumBreakInput], description: 'Breaks of the day, at most 8; they must lie inside the day and not overlap.' }),
    tableNames: t.stringList({
      description: `Names of the meeting tables, e.g. ["Meja 1", "Meja 2"]; at most ${MAX_TABLES}, unique, each at most ${TABLE_NAME_MAX} characters. On update this replaces every table (DRAFT only).`,
    }),
    pairingRule: t.field({ type: PairingRuleEnum, description: 'Who may meet whom; ENTERPRISE_PARTNER_ONLY by default.' }),
    requestTtlHours: t.int({ description: 'Hours a meeting request waits for an answer: 1 to 336; 48 by default.' }),
  };
}

export const ForumCreateInput = builder.inputType('ForumCreateInput', {
  description:
    'A new Temu Bisnis forum, created in DRAFT. The day is cut into slots from startTime to endTime: meetings of meetingMinutes back to back, and the breaks at their times (a break begins early when the meetings before it do not fill the time exactly).',
  fields: (t) => ({
    title: t.string({ required: true, description: `Title, ${TITLE_MIN} to ${TITLE_MAX} characters, e.g. "Temu Bisnis IKM Kota Semarang 2027".` }),
    slug: t.string({ description: 'Short name for URLs (a-z, 0-9, dashes), 3 to 80 characters; made from the title when omitted.' }),
    venue: t.string({ required: true, description: 'Venue, e.g. "Gedung Oudetrap, Kota Lama"; at most 200 characters.' }),
    date: t.field({ type: 'Date', required: true, description: 'The forum day (local date), today or later.' }),
    meetingMinutes: t.int({ required: true, description: 'Length of one meeting: 15, 20 or 30.' }),
    startTime: t.string({ required: true, description: 'First meeting begins, local time HH:MM, e.g. "09:00".' }),
    endTime: t.string({ required: true, description: 'No meeting ends after this, local time HH:MM, e.g. "15:00".' }),
    tableCount: t.int({ description: `Creates tables "Meja 1" … "Meja n" (1 to ${MAX_TABLES}) when tableNames is omitted.` }),
    registrationOpensAt: t.field({ type: 'DateTime', required: true, description: 'Registration opens.' }),
    registrationClosesAt: t.field({ type: 'DateTime', required: true, description: 'Registration closes: after it opens and no later than the first slot.' }),
    ...forumFields(t),
  }),
});

export const ForumUpdateInput = builder.inputType('ForumUpdateInput', {
  description: `Changes to a forum. Omitted fields stay as they are. What may change depends on the status: title, venue, address and kecamatan until the forum is over; the day's layout (date, time zone, meeting length, start, end, breaks, tableNames) in ${editableIn('LAYOUT').join(', ')}; new tables (addTableNames) in ${editableIn('ADD_TABLES').join(', ')}; the registration window in ${editableIn('REGISTRATION_WINDOW').join(', ')}; the pairing rule in ${editableIn('PAIRING_RULE').join(', ')}; requestTtlHours (for new requests) in ${editableIn('REQUEST_TTL').join(', ')}.`,
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the forum.' }),
    title: t.string({ description: `Title, ${TITLE_MIN} to ${TITLE_MAX} characters.` }),
    venue: t.string({ description: 'Venue, at most 200 characters.' }),
    date: t.field({ type: 'Date', description: 'The forum day (local date), today or later.' }),
    meetingMinutes: t.int({ description: 'Length of one meeting: 15, 20 or 30.' }),
    startTime: t.string({ description: 'First meeting begins, local time HH:MM.' }),
    endTime: t.string({ description: 'No meeting ends after this, local time HH:MM.' }),
    addTableNames: t.stringList({ description: 'New tables beside the existing ones, e.g. ["Meja 9", "Meja 10"].' }),
    registrationOpensAt: t.field({ type: 'DateTime', description: 'Registration opens.' }),
    registrationClosesAt: t.field({ type: 'DateTime', description: 'Registration closes.' }),
    ...forumFields(t),
  }),
});

export const ForumCreatePayload = payloadType('ForumCreatePayload', 'forum', ForumRef, 'Result of forumCreate.');
export const ForumUpdatePayload = payloadType('ForumUpdatePayload', 'forum', ForumRef, 'Result of forumUpdate.');

export const ForumTransitionInput = builder.inputType('ForumTransitionInput', {
  description: 'The forum to move to its next status.',
  fields: (t) => ({ id: t.id({ required: true, description: 'Global ID of the forum.' }) }),
});

export const ForumStartSchedulingInput = builder.inputType('ForumStartSchedulingInput', {
  description: 'Closes registration and starts scheduling.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the forum.' }),
    closeRegistrationEarly: t.boolean({
      defaultValue: false,
      description: 'Close registration now although registrationClosesAt has not come (a staff decision).',
    }),
  }),
});

export function transitionPayload(name: string) {
  const title = name[0]!.toUpperCase() + name.slice(1);
  return payloadType(`${title}Payload`, 'forum', ForumRef, `Result of ${name}.`);
}
