import type { CertificationKind } from '@temu-bisnis/schema/prisma';
import type { Random } from './random';

/**
 * Registry numbers of the demo enterprises. They have the real formats so that the domain
 * validators accept them, but they are made up: none is a real business's number.
 */

/** NIB: 13 digits as OSS RBA issues them (OSS 1.1 numbers, before 2021, are kept as they were). */
export function makeNib(rng: Random, foundedYear: number): string {
  return `${foundedYear < 2021 ? '81' : '91'}2${rng.digits(10)}`;
}

/** Kota Semarang's code in NIK and kode wilayah: province 33, city 74. */
const SEMARANG_NIK_PREFIX = '3374';

/**
 * A sole proprietor's NPWP since PMK 112/2022 is the owner's NIK: 33 74 + kecamatan (2 digits) +
 * date of birth DDMMYY (day + 40 for women) + a 4-digit serial.
 */
export function npwpFromNik(rng: Random, districtCode: string, birth: Date, female: boolean): string {
  const kecamatan = districtCode.slice(-2);
  const day = String(birth.getUTCDate() + (female ? 40 : 0)).padStart(2, '0');
  const month = String(birth.getUTCMonth() + 1).padStart(2, '0');
  const year = String(birth.getUTCFullYear() % 100).padStart(2, '0');
  return `${SEMARANG_NIK_PREFIX}${kecamatan}${day}${month}${year}${String(rng.int(1, 2999)).padStart(4, '0')}`;
}

/** Demo tax office codes for the 15-digit form (KPP part of the old NPWP). */
const KPP_CODES = ['503', '504', '508', '511', '517', '518', '522'];

/**
 * An entity's NPWP: the old 15-digit form 0T.SSS.SSS.C-KKK.000 (type, serial, check digit, tax office,
 * head office) with a leading 0, as PMK 112/2022 art. 7 turns it into 16 digits.
 */
export function npwpForEntity(rng: Random): string {
  const base = `0${rng.int(1, 3)}${rng.digits(6)}`;
  return `0${base}${luhnDigit(base)}${rng.pick(KPP_CODES)}000`;
}

/** Luhn check digit of a digit string. */
export function luhnDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** How long a certification of this kind is valid, in years; null when it does not lapse. */
export const CERTIFICATION_VALIDITY_YEARS: Record<CertificationKind, number | null> = {
  PIRT: 5,
  HALAL: null, // UU 6/2023 (Cipta Kerja): valid while the composition and process are unchanged
  BPOM: 5,
  SNI: 4,
  ISO_9001: 3,
  ISO_22000: 3,
  HACCP: 3,
  SVLK: 6,
  BATIKMARK: 4,
  GREEN_INDUSTRY: 4,
};

/** How a certification is written in Indonesian text. */
export const CERTIFICATION_LABEL: Record<CertificationKind, string> = {
  PIRT: 'P-IRT',
  HALAL: 'Halal',
  BPOM: 'BPOM',
  SNI: 'SNI',
  ISO_9001: 'ISO 9001',
  ISO_22000: 'ISO 22000',
  HACCP: 'HACCP',
  SVLK: 'SVLK',
  BATIKMARK: 'Batikmark',
  GREEN_INDUSTRY: 'Industri Hijau',
};

/** A certificate number in the usual shape of its issuer (demo numbers). */
export function certificateNumber(rng: Random, kind: CertificationKind, issuedYear: number): string {
  const yy = String(issuedYear % 100).padStart(2, '0');
  switch (kind) {
    case 'PIRT':
      // packaging type, food type, kota code 3374, serial; the suffix is the year it lapses
      return `P-IRT ${rng.int(1, 5)}${rng.digits(2)}3374${rng.digits(6)}-${String((issuedYear + 5) % 100).padStart(2, '0')}`;
    case 'HALAL':
      return `ID33110000${rng.digits(7)}${yy}`;
    case 'BPOM':
      return rng.chance(0.5) ? `BPOM RI MD ${rng.digits(12)}` : `BPOM RI TR ${rng.digits(9)}`;
    case 'SNI':
      return `SPPT-SNI ${rng.digits(4)}/${issuedYear}`;
    case 'ISO_9001':
      return `QMS-${issuedYear}-${rng.digits(5)}`;
    case 'ISO_22000':
      return `FSMS-${issuedYear}-${rng.digits(5)}`;
    case 'HACCP':
      return `HACCP-${rng.digits(4)}/${yy}`;
    case 'SVLK':
      return `SLK-${rng.digits(4)}-${rng.digits(3)}/${issuedYear}`;
    case 'BATIKMARK':
      return `BM-${rng.digits(3)}/${issuedYear}`;
    case 'GREEN_INDUSTRY':
      return `SIH-${rng.digits(3)}/${issuedYear}`;
  }
}
