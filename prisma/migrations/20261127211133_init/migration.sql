-- CreateEnum
CREATE TYPE "Sector" AS ENUM ('FOOD_BEVERAGE', 'TEXTILE', 'BATIK', 'GARMENT', 'LEATHER_FOOTWEAR', 'WOOD_FURNITURE', 'PAPER_PRINTING', 'CHEMICAL_HERBAL', 'RUBBER_PLASTIC', 'NON_METALLIC_MINERAL', 'METAL', 'MACHINERY_ELECTRONICS', 'CRAFT', 'OTHER_MANUFACTURING');

-- CreateEnum
CREATE TYPE "ProgramStage" AS ENUM ('IDENTIFIED', 'FORMING', 'EMPOWERMENT', 'DEVELOPING', 'INDEPENDENT');

-- CreateEnum
CREATE TYPE "RecordStatus" AS ENUM ('ACTIVE', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "BookkeepingPractice" AS ENUM ('NONE', 'MANUAL_NOTES', 'SPREADSHEET', 'ACCOUNTING_APP', 'AUDITED_STATEMENTS');

-- CreateEnum
CREATE TYPE "CurrentCredit" AS ENUM ('NONE', 'KUR', 'COMMERCIAL_PRODUCTIVE', 'CONSUMER');

-- CreateEnum
CREATE TYPE "KbliVersion" AS ENUM ('KBLI_2020', 'KBLI_2025');

-- CreateEnum
CREATE TYPE "CertificationKind" AS ENUM ('HALAL', 'SNI', 'PIRT', 'BPOM', 'ISO_9001', 'ISO_22000', 'HACCP', 'SVLK', 'BATIKMARK', 'GREEN_INDUSTRY');

-- CreateEnum
CREATE TYPE "PartnerKind" AS ENUM ('BUYER', 'SUPPLIER', 'DISTRIBUTOR', 'FUNDER');

-- CreateEnum
CREATE TYPE "FunderType" AS ENUM ('BANK', 'BPR', 'KOPERASI', 'FINTECH', 'VENTURE', 'GOVERNMENT_PROGRAM');

-- CreateEnum
CREATE TYPE "OpportunityKind" AS ENUM ('BUY_REQUEST', 'SUPPLY_OFFER', 'DISTRIBUTION_OFFER', 'FINANCING_OFFER', 'SELL_OFFER', 'SUPPLY_REQUEST', 'DISTRIBUTION_REQUEST', 'FINANCING_REQUEST');

-- CreateEnum
CREATE TYPE "OpportunityStatus" AS ENUM ('OPEN', 'CLOSED', 'FULFILLED');

-- CreateEnum
CREATE TYPE "ForumStatus" AS ENUM ('DRAFT', 'REGISTRATION_OPEN', 'SCHEDULING', 'SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "PairingRule" AS ENUM ('ENTERPRISE_PARTNER_ONLY', 'ANY');

-- CreateEnum
CREATE TYPE "MeetingRequestStatus" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED', 'CANCELLED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('SCHEDULED', 'HELD', 'NO_SHOW', 'CANCELLED');

-- CreateEnum
CREATE TYPE "MeetingOutcome" AS ENUM ('DEAL', 'FOLLOW_UP', 'NO_INTEREST');

-- CreateEnum
CREATE TYPE "FollowUpStage" AS ENUM ('NEGOTIATION_STARTED', 'CONTRACT_SIGNED', 'FIRST_ORDER_DELIVERED', 'FINANCING_APPLIED', 'NO_PROGRESS');

-- CreateEnum
CREATE TYPE "ConsentScope" AS ENUM ('PROFILE', 'FINANCIALS', 'NEEDS', 'DOCUMENTS');

-- CreateEnum
CREATE TYPE "FinancingPurpose" AS ENUM ('WORKING_CAPITAL', 'INVESTMENT', 'EXPORT');

-- CreateEnum
CREATE TYPE "FinancingNeedStatus" AS ENUM ('OPEN', 'WITHDRAWN', 'FUNDED');

-- CreateEnum
CREATE TYPE "LeadStatus" AS ENUM ('NEW', 'CONTACTED', 'IN_REVIEW', 'APPROVED', 'REJECTED', 'DISBURSED');

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('ADMIN', 'OFFICER', 'ENTERPRISE', 'PARTNER');

-- CreateEnum
CREATE TYPE "MembershipRole" AS ENUM ('OWNER', 'STAFF', 'ANALYST');

-- CreateTable
CREATE TABLE "District" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "District_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Sentra" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "landmark" TEXT NOT NULL,
    "districtId" UUID NOT NULL,
    "sector" "Sector" NOT NULL,
    "flagshipProducts" TEXT[],
    "programStage" "ProgramStage" NOT NULL DEFAULT 'IDENTIFIED',
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Sentra_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enterprise" (
    "id" UUID NOT NULL,
    "nib" CHAR(13) NOT NULL,
    "npwp" CHAR(16),
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "sector" "Sector" NOT NULL,
    "sentraId" UUID,
    "districtId" UUID NOT NULL,
    "address" TEXT NOT NULL DEFAULT '',
    "foundedOn" DATE NOT NULL,
    "employees" INTEGER NOT NULL DEFAULT 1,
    "annualTurnover" BIGINT,
    "businessCapital" BIGINT,
    "bookkeeping" "BookkeepingPractice" NOT NULL DEFAULT 'NONE',
    "hasFinancialStatements" BOOLEAN NOT NULL DEFAULT false,
    "currentCredit" "CurrentCredit" NOT NULL DEFAULT 'NONE',
    "status" "RecordStatus" NOT NULL DEFAULT 'ACTIVE',
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Enterprise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnterpriseProduct" (
    "id" UUID NOT NULL,
    "enterpriseId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "monthlyCapacity" INTEGER NOT NULL,
    "unit" TEXT NOT NULL,
    "unitPrice" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EnterpriseProduct_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnterpriseKbli" (
    "id" UUID NOT NULL,
    "enterpriseId" UUID NOT NULL,
    "code" CHAR(5) NOT NULL,
    "version" "KbliVersion" NOT NULL,
    "isPrimary" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "EnterpriseKbli_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Certification" (
    "id" UUID NOT NULL,
    "enterpriseId" UUID NOT NULL,
    "kind" "CertificationKind" NOT NULL,
    "number" TEXT NOT NULL DEFAULT '',
    "issuedOn" DATE,
    "expiresOn" DATE,

    CONSTRAINT "Certification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" UUID NOT NULL,
    "enterpriseId" UUID,
    "partnerId" UUID,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT '',
    "phone" TEXT,
    "email" TEXT,
    "isPrimary" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Partner" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "PartnerKind" NOT NULL,
    "funderType" "FunderType",
    "description" TEXT NOT NULL DEFAULT '',
    "districtId" UUID,
    "website" TEXT,
    "sectors" "Sector"[],
    "kbliPrefixes" TEXT[],
    "productCategories" TEXT[],
    "districtCodes" TEXT[],
    "offers" TEXT NOT NULL DEFAULT '',
    "volumeMin" INTEGER,
    "volumeMax" INTEGER,
    "ticketMin" BIGINT,
    "ticketMax" BIGINT,
    "status" "RecordStatus" NOT NULL DEFAULT 'ACTIVE',
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Partner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Opportunity" (
    "id" UUID NOT NULL,
    "kind" "OpportunityKind" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "partnerId" UUID,
    "enterpriseId" UUID,
    "sector" "Sector",
    "kbliPrefixes" TEXT[],
    "productCategory" TEXT,
    "quantity" INTEGER,
    "unit" TEXT,
    "amountMin" BIGINT,
    "amountMax" BIGINT,
    "districtCodes" TEXT[],
    "requiredCertifications" "CertificationKind"[],
    "validFrom" TIMESTAMP(3) NOT NULL,
    "validUntil" TIMESTAMP(3) NOT NULL,
    "status" "OpportunityStatus" NOT NULL DEFAULT 'OPEN',
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Opportunity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MatchmakingSession" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "venue" TEXT NOT NULL,
    "address" TEXT NOT NULL DEFAULT '',
    "districtId" UUID,
    "date" DATE NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Asia/Jakarta',
    "meetingMinutes" INTEGER NOT NULL DEFAULT 20,
    "registrationOpensAt" TIMESTAMP(3) NOT NULL,
    "registrationClosesAt" TIMESTAMP(3) NOT NULL,
    "requestTtlHours" INTEGER NOT NULL DEFAULT 48,
    "pairingRule" "PairingRule" NOT NULL DEFAULT 'ENTERPRISE_PARTNER_ONLY',
    "status" "ForumStatus" NOT NULL DEFAULT 'DRAFT',
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MatchmakingSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionSlot" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "index" INTEGER NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "isBreak" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "SessionSlot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionTable" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "SessionTable_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ForumParticipant" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "enterpriseId" UUID,
    "partnerId" UUID,
    "attendees" TEXT[],
    "meetingCap" INTEGER,
    "registeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "registeredById" UUID,

    CONSTRAINT "ForumParticipant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ParticipantAvailability" (
    "participantId" UUID NOT NULL,
    "slotId" UUID NOT NULL,

    CONSTRAINT "ParticipantAvailability_pkey" PRIMARY KEY ("participantId","slotId")
);

-- CreateTable
CREATE TABLE "MeetingRequest" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "requesterId" UUID NOT NULL,
    "recipientId" UUID NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',
    "priority" INTEGER NOT NULL DEFAULT 1,
    "status" "MeetingRequestStatus" NOT NULL DEFAULT 'PENDING',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "respondedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "slotId" UUID NOT NULL,
    "tableId" UUID NOT NULL,
    "locked" BOOLEAN NOT NULL DEFAULT false,
    "status" "MeetingStatus" NOT NULL DEFAULT 'SCHEDULED',
    "outcome" "MeetingOutcome",
    "dealValue" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingSeat" (
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "participantId" UUID NOT NULL,
    "slotId" UUID NOT NULL,
    "checkedInAt" TIMESTAMP(3),

    CONSTRAINT "MeetingSeat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingFeedback" (
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "participantId" UUID NOT NULL,
    "rating" INTEGER NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingFollowUp" (
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "monthsAfter" INTEGER NOT NULL,
    "stage" "FollowUpStage" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingFollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consent" (
    "id" UUID NOT NULL,
    "enterpriseId" UUID NOT NULL,
    "funderId" UUID,
    "funderType" "FunderType",
    "scopes" "ConsentScope"[],
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "grantedById" UUID,

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentRevocation" (
    "id" UUID NOT NULL,
    "consentId" UUID NOT NULL,
    "revokedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedById" UUID,
    "reason" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ConsentRevocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FinancingNeed" (
    "id" UUID NOT NULL,
    "enterpriseId" UUID NOT NULL,
    "amount" BIGINT NOT NULL,
    "purpose" "FinancingPurpose" NOT NULL,
    "tenorMonths" INTEGER NOT NULL,
    "collateral" TEXT NOT NULL DEFAULT '',
    "sourceMeetingId" UUID,
    "sourceOpportunityId" UUID,
    "status" "FinancingNeedStatus" NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FinancingNeed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeadReview" (
    "id" UUID NOT NULL,
    "financingNeedId" UUID NOT NULL,
    "funderId" UUID NOT NULL,
    "status" "LeadStatus" NOT NULL DEFAULT 'NEW',
    "rejectionReason" TEXT,
    "disbursedAmount" BIGINT,
    "disbursedOn" DATE,
    "assignedToId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LeadReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeadStatusChange" (
    "id" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "fromStatus" "LeadStatus",
    "toStatus" "LeadStatus" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "byUserId" UUID,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LeadStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeadNote" (
    "id" UUID NOT NULL,
    "reviewId" UUID NOT NULL,
    "authorId" UUID,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LeadNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "UserRole" NOT NULL,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganisationMembership" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "enterpriseId" UUID,
    "partnerId" UUID,
    "role" "MembershipRole" NOT NULL DEFAULT 'STAFF',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrganisationMembership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessToken" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "hash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccessToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "partnerId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditRecord" (
    "id" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorUserId" UUID,
    "apiKeyId" UUID,
    "partnerId" UUID,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "enterpriseId" UUID,
    "fields" TEXT[],
    "requestId" TEXT,

    CONSTRAINT "AuditRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "District_code_key" ON "District"("code");

-- CreateIndex
CREATE UNIQUE INDEX "District_name_key" ON "District"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Sentra_slug_key" ON "Sentra"("slug");

-- CreateIndex
CREATE INDEX "Sentra_districtId_idx" ON "Sentra"("districtId");

-- CreateIndex
CREATE UNIQUE INDEX "Enterprise_nib_key" ON "Enterprise"("nib");

-- CreateIndex
CREATE INDEX "Enterprise_sentraId_idx" ON "Enterprise"("sentraId");

-- CreateIndex
CREATE INDEX "Enterprise_districtId_idx" ON "Enterprise"("districtId");

-- CreateIndex
CREATE INDEX "Enterprise_sector_idx" ON "Enterprise"("sector");

-- CreateIndex
CREATE INDEX "EnterpriseProduct_enterpriseId_idx" ON "EnterpriseProduct"("enterpriseId");

-- CreateIndex
CREATE INDEX "EnterpriseProduct_category_idx" ON "EnterpriseProduct"("category");

-- CreateIndex
CREATE INDEX "EnterpriseKbli_code_idx" ON "EnterpriseKbli"("code");

-- CreateIndex
CREATE UNIQUE INDEX "EnterpriseKbli_enterpriseId_code_version_key" ON "EnterpriseKbli"("enterpriseId", "code", "version");

-- CreateIndex
CREATE INDEX "Certification_kind_idx" ON "Certification"("kind");

-- CreateIndex
CREATE UNIQUE INDEX "Certification_enterpriseId_kind_key" ON "Certification"("enterpriseId", "kind");

-- CreateIndex
CREATE INDEX "Contact_enterpriseId_idx" ON "Contact"("enterpriseId");

-- CreateIndex
CREATE INDEX "Contact_partnerId_idx" ON "Contact"("partnerId");

-- CreateIndex
CREATE UNIQUE INDEX "Partner_slug_key" ON "Partner"("slug");

-- CreateIndex
CREATE INDEX "Partner_kind_idx" ON "Partner"("kind");

-- CreateIndex
CREATE INDEX "Opportunity_kind_status_validUntil_idx" ON "Opportunity"("kind", "status", "validUntil");

-- CreateIndex
CREATE INDEX "Opportunity_partnerId_idx" ON "Opportunity"("partnerId");

-- CreateIndex
CREATE INDEX "Opportunity_enterpriseId_idx" ON "Opportunity"("enterpriseId");

-- CreateIndex
CREATE UNIQUE INDEX "MatchmakingSession_slug_key" ON "MatchmakingSession"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "SessionSlot_sessionId_index_key" ON "SessionSlot"("sessionId", "index");

-- CreateIndex
CREATE UNIQUE INDEX "SessionTable_sessionId_name_key" ON "SessionTable"("sessionId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ForumParticipant_sessionId_enterpriseId_key" ON "ForumParticipant"("sessionId", "enterpriseId");

-- CreateIndex
CREATE UNIQUE INDEX "ForumParticipant_sessionId_partnerId_key" ON "ForumParticipant"("sessionId", "partnerId");

-- CreateIndex
CREATE INDEX "MeetingRequest_recipientId_status_idx" ON "MeetingRequest"("recipientId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingRequest_sessionId_requesterId_recipientId_key" ON "MeetingRequest"("sessionId", "requesterId", "recipientId");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_requestId_key" ON "Meeting"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_slotId_tableId_key" ON "Meeting"("slotId", "tableId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingSeat_participantId_slotId_key" ON "MeetingSeat"("participantId", "slotId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingSeat_meetingId_participantId_key" ON "MeetingSeat"("meetingId", "participantId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingFeedback_meetingId_participantId_key" ON "MeetingFeedback"("meetingId", "participantId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingFollowUp_meetingId_monthsAfter_key" ON "MeetingFollowUp"("meetingId", "monthsAfter");

-- CreateIndex
CREATE INDEX "Consent_enterpriseId_idx" ON "Consent"("enterpriseId");

-- CreateIndex
CREATE INDEX "Consent_funderId_idx" ON "Consent"("funderId");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentRevocation_consentId_key" ON "ConsentRevocation"("consentId");

-- CreateIndex
CREATE INDEX "FinancingNeed_enterpriseId_idx" ON "FinancingNeed"("enterpriseId");

-- CreateIndex
CREATE INDEX "LeadReview_funderId_status_idx" ON "LeadReview"("funderId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "LeadReview_financingNeedId_funderId_key" ON "LeadReview"("financingNeedId", "funderId");

-- CreateIndex
CREATE INDEX "LeadStatusChange_reviewId_idx" ON "LeadStatusChange"("reviewId");

-- CreateIndex
CREATE INDEX "LeadNote_reviewId_idx" ON "LeadNote"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "OrganisationMembership_userId_enterpriseId_key" ON "OrganisationMembership"("userId", "enterpriseId");

-- CreateIndex
CREATE UNIQUE INDEX "OrganisationMembership_userId_partnerId_key" ON "OrganisationMembership"("userId", "partnerId");

-- CreateIndex
CREATE UNIQUE INDEX "AccessToken_hash_key" ON "AccessToken"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "AuditRecord_enterpriseId_at_idx" ON "AuditRecord"("enterpriseId", "at");

-- CreateIndex
CREATE INDEX "AuditRecord_partnerId_at_idx" ON "AuditRecord"("partnerId", "at");

-- AddForeignKey
ALTER TABLE "Sentra" ADD CONSTRAINT "Sentra_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enterprise" ADD CONSTRAINT "Enterprise_sentraId_fkey" FOREIGN KEY ("sentraId") REFERENCES "Sentra"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enterprise" ADD CONSTRAINT "Enterprise_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnterpriseProduct" ADD CONSTRAINT "EnterpriseProduct_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnterpriseKbli" ADD CONSTRAINT "EnterpriseKbli_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certification" ADD CONSTRAINT "Certification_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Partner" ADD CONSTRAINT "Partner_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Opportunity" ADD CONSTRAINT "Opportunity_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Opportunity" ADD CONSTRAINT "Opportunity_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MatchmakingSession" ADD CONSTRAINT "MatchmakingSession_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionSlot" ADD CONSTRAINT "SessionSlot_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MatchmakingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionTable" ADD CONSTRAINT "SessionTable_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MatchmakingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ForumParticipant" ADD CONSTRAINT "ForumParticipant_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MatchmakingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ForumParticipant" ADD CONSTRAINT "ForumParticipant_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ForumParticipant" ADD CONSTRAINT "ForumParticipant_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipantAvailability" ADD CONSTRAINT "ParticipantAvailability_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "ForumParticipant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipantAvailability" ADD CONSTRAINT "ParticipantAvailability_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "SessionSlot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingRequest" ADD CONSTRAINT "MeetingRequest_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MatchmakingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingRequest" ADD CONSTRAINT "MeetingRequest_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "ForumParticipant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingRequest" ADD CONSTRAINT "MeetingRequest_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "ForumParticipant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MatchmakingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "MeetingRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "SessionSlot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_tableId_fkey" FOREIGN KEY ("tableId") REFERENCES "SessionTable"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingSeat" ADD CONSTRAINT "MeetingSeat_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingSeat" ADD CONSTRAINT "MeetingSeat_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "ForumParticipant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingSeat" ADD CONSTRAINT "MeetingSeat_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "SessionSlot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingFeedback" ADD CONSTRAINT "MeetingFeedback_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingFeedback" ADD CONSTRAINT "MeetingFeedback_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "ForumParticipant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingFollowUp" ADD CONSTRAINT "MeetingFollowUp_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_funderId_fkey" FOREIGN KEY ("funderId") REFERENCES "Partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentRevocation" ADD CONSTRAINT "ConsentRevocation_consentId_fkey" FOREIGN KEY ("consentId") REFERENCES "Consent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FinancingNeed" ADD CONSTRAINT "FinancingNeed_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeadReview" ADD CONSTRAINT "LeadReview_financingNeedId_fkey" FOREIGN KEY ("financingNeedId") REFERENCES "FinancingNeed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeadReview" ADD CONSTRAINT "LeadReview_funderId_fkey" FOREIGN KEY ("funderId") REFERENCES "Partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeadReview" ADD CONSTRAINT "LeadReview_assignedToId_fkey" FOREIGN KEY ("assignedToId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeadStatusChange" ADD CONSTRAINT "LeadStatusChange_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "LeadReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeadNote" ADD CONSTRAINT "LeadNote_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "LeadReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationMembership" ADD CONSTRAINT "OrganisationMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationMembership" ADD CONSTRAINT "OrganisationMembership_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationMembership" ADD CONSTRAINT "OrganisationMembership_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessToken" ADD CONSTRAINT "AccessToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE CASCADE ON UPDATE CASCADE;
