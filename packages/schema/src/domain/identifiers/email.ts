import { invalid, valid, type Validation } from './validation';

/**
 * A pragmatic e-mail check, not a full RFC 5322 parser: it catches the typos people make in a
 * contact form and leaves deliverability to the mail system.
 * - exactly one '@', no whitespace;
 * - local part 1 to 64 octets (RFC 5321 §4.5.3.1.1);
 * - domain of dot-separated, non-empty labels, at least two of them;
 * - whole address at most 254 octets: the 256-octet path limit of RFC 5321 §4.5.3.1.3 minus the
 *   angle brackets (RFC 3696 erratum 1690).
 * The domain is lowercased (DNS is case-insensitive); the local part is kept as written because
 * RFC 5321 §2.4 lets the receiving host treat it case-sensitively.
 */
export const LOCAL_PART_MAX = 64;
export const ADDRESS_MAX = 254;

const term = 'E-mail address (alamat e-mail)';
const encoder = new TextEncoder();
const octets = (s: string): number => encoder.encode(s).length;

export function parseEmail(input: string): Validation<string> {
  const text = input.trim();
  if (text === '') return invalid('INVALID_EMAIL', `${term} is required.`);
  if (/\s/.test(text)) {
    return invalid('INVALID_EMAIL', `${term} must not contain spaces.`);
  }
  const parts = text.split('@');
  if (parts.length !== 2) {
    return invalid('INVALID_EMAIL', `${term} must contain exactly one @.`);
  }
  const [local = '', rawDomain = ''] = parts;
  if (local === '') {
    return invalid('INVALID_EMAIL', `${term} needs a name before the @.`);
  }
  if (octets(local) > LOCAL_PART_MAX) {
    return invalid(
      'INVALID_EMAIL',
      `${term} may have at most ${LOCAL_PART_MAX} characters before the @; got ${octets(local)}.`,
    );
  }
  const domain = rawDomain.toLowerCase();
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((label) => label === '')) {
    return invalid(
      'INVALID_EMAIL',
      `${term} needs a domain with a dot after the @, such as semarangkota.go.id.`,
    );
  }
  const address = `${local}@${domain}`;
  if (octets(address) > ADDRESS_MAX) {
    return invalid(
      'INVALID_EMAIL',
      `${term} may have at most ${ADDRESS_MAX} characters; got ${octets(address)}.`,
    );
  }
  return valid(address);
}
