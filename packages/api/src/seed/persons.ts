import type { NamesData } from './reference-data';
import type { Random } from './random';

/** A fictional person of the demo data: contact, owner or signed-in user. */
export interface Person {
  gender: 'male' | 'female';
  first: string;
  family: string;
  fullName: string;
  /** How the person is called in a business name: "Bu Sri", "Pak Slamet". */
  calledAs: string;
}

export function makePerson(rng: Random, names: NamesData): Person {
  const gender = rng.chance(0.5) ? 'female' : 'male';
  const first = rng.pick(names.people[gender]);
  const families = [...names.people.family[gender], ...names.people.family.any];
  let family = rng.pick(families);
  while (family === first) family = rng.pick(families);
  const short = first.split(' ')[0]!;
  return { gender, first, family, fullName: `${first} ${family}`, calledAs: `${rng.pick(names.honorifics[gender])} ${short}` };
}

/** ASCII, lower case, words joined by dots: "Nur Hadi Santoso" → "nurhadi.santoso". */
export function emailLocalPart(person: Person): string {
  const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return `${clean(person.first)}.${clean(person.family)}`;
}

/** A mobile number in E.164: +62 8XY… with a 10- or 11-digit national number. */
export function mobilePhone(rng: Random, names: NamesData): string {
  return `+62${rng.pick(names.mobilePrefixes)}${rng.digits(rng.chance(0.7) ? 8 : 7)}`;
}

/** A Semarang landline in E.164: +62 24 and a 7-digit subscriber number. */
export function landlinePhone(rng: Random, names: NamesData): string {
  return `+62${names.landlinePrefix}${rng.pick(['3', '6', '7', '8'])}${rng.digits(6)}`;
}
