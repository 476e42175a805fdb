import { describe, expectTypeOf, it } from 'vitest';
import type * as Prisma from '../../../src/generated/prisma/enums';
import type * as Matching from '../../../src/domain/matching';

// The matching model keeps its own unions so it never imports Prisma; typecheck keeps them equal.
describe('matching enums mirror the Prisma schema', () => {
  it('has the same values', () => {
    expectTypeOf<Matching.Sector>().toEqualTypeOf<Prisma.Sector>();
    expectTypeOf<Matching.CertificationKind>().toEqualTypeOf<Prisma.CertificationKind>();
    expectTypeOf<Matching.BookkeepingPractice>().toEqualTypeOf<Prisma.BookkeepingPractice>();
    expectTypeOf<Matching.PartnerKind>().toEqualTypeOf<Prisma.PartnerKind>();
    expectTypeOf<Matching.FunderType>().toEqualTypeOf<Prisma.FunderType>();
    expectTypeOf<Matching.OpportunityKind>().toEqualTypeOf<Prisma.OpportunityKind>();
    expectTypeOf<Matching.MeetingOutcome>().toEqualTypeOf<Prisma.MeetingOutcome>();
  });
});
