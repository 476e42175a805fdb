import { execFile as execFileCallback, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type ApiScope, TemuBisnisClient } from '@temu-bisnis/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../packages/api/test/support/server';

/**
 * The examples as a partner runs them: the SDK comes from its packed tarball (what npm would
 * publish), the examples are compiled against the tarball's type declarations, once as ES modules
 * (`import`) and once as CommonJS (`require`), and run with plain node against a live API on the
 * seeded database, each format against its own fresh copy of it.
 *
 * Installing the tarball: the temporary project gets node_modules/@temu-bisnis/sdk extracted from the
 * tarball, and symlinks to the workspace's installed copies of its runtime dependencies
 * (graphql-request, graphql; @graphql-typed-document-node/core for the types). `npm install` of the
 * tarball would need the registry (CI may be offline) or pnpm's store layout, which npm cannot
 * read; the links give Node the same node_modules layout an install would, while everything of the
 * SDK itself (files, exports map, dist) comes from the tarball alone.
 */

const execFile = promisify(execFileCallback);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const sdkDir = join(repoRoot, 'packages/sdk');
const examplesDir = join(repoRoot, 'examples');
const EXAMPLES = ['bank-screening', 'distributor', 'forum', 'bank-gunungpati', 'buyer-consortium'] as const;
const FORMATS = { esm: { source: '.mts', output: '.mjs', type: 'module' }, cjs: { source: '.cts', output: '.cjs', type: 'commonjs' } } as const;
type Format = keyof typeof FORMATS;

/** The database id in a Relay global ID (base64 of "Type:id"). */
const decodedId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

let work: string;
let packedManifest: Record<string, any>;
let packedFiles: string[];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'temu-sdk-examples-'));
  // `pnpm pack` runs the package's prepack script (the tsup build) and applies publishConfig.
  execFileSync('pnpm', ['pack', '--pack-destination', work], { cwd: sdkDir, stdio: 'pipe' });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('pnpm pack produced no tarball');
  packedFiles = execFileSync('tar', ['-tzf', join(work, tarball)], { encoding: 'utf8' }).trim().split('\n').sort();

  const modules = join(work, 'node_modules');
  const sdk = join(modules, '@temu-bisnis/sdk');
  mkdirSync(sdk, { recursive: true });
  execFileSync('tar', ['-xzf', join(work, tarball), '-C', sdk, '--strip-components=1']);
  packedManifest = JSON.parse(readFileSync(join(sdk, 'package.json'), 'utf8'));
  for (const dependency of ['graphql-request', 'graphql', '@graphql-typed-document-node/core']) {
    const installed = realpathSync(join(sdkDir, 'node_modules', dependency));
    mkdirSync(dirname(join(modules, dependency)), { recursive: true });
    symlinkSync(installed, join(modules, dependency), 'dir');
  }

  // Each example once as .mts (compiled to ESM) and once as .cts (compiled to CommonJS), type-checked
  // as a partner's strict project would be (NodeNext resolution reads the tarball's exports and
  // .d.ts/.d.cts), by the native compiler the workspace's typecheck uses: a fifth of the CPU of a
  // program of TypeScript's JavaScript API.
  for (const [format, { source, type }] of Object.entries(FORMATS)) {
    mkdirSync(join(work, format));
    writeFileSync(join(work, format, 'package.json'), JSON.stringify({ name: `examples-${format}`, private: true, type }));
    for (const example of EXAMPLES) copyFileSync(join(examplesDir, `${example}.ts`), join(work, format, `${example}${source}`));
  }
  const compilerOptions = {
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    target: 'ES2022',
    lib: ['ES2023'],
    strict: true,
    // As a partner's strict project would: `apiKey: process.env.X` must still type-check.
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    types: ['node'],
    typeRoots: [join(repoRoot, 'node_modules/@types')],
  };
  writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: Object.values(FORMATS).map((f) => `*/*${f.source}`) }));
  try {
    execFileSync(join(repoRoot, 'node_modules/.bin/tsgo'), ['-p', join(work, 'tsconfig.json'), '--pretty', 'false'], { stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    throw new Error(`the examples do not compile against the packed SDK:\n${(error as { stdout?: string }).stdout ?? error}`);
  }
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed SDK', () => {
  it('contains the build, the allow-list and the docs, and no sources or tests', () => {
    expect(packedFiles).toEqual(
      expect.arrayContaining([
        'package/package.json',
        'package/README.md',
        'package/CHANGELOG.md',
        'package/LICENSE',
        'package/persisted-operations.json',
        'package/dist/index.js',
        'package/dist/index.cjs',
        'package/dist/index.d.ts',
        'package/dist/index.d.cts',
      ]),
    );
    expect(packedFiles.filter((f) => /\/(src|test|scripts)\//.test(f) || f.endsWith('.graphql'))).toEqual([]);
  });

  it('publishes ESM + CJS with types for both, side-effect free, with engines and a semver version', () => {
    expect(packedManifest).toMatchObject({
      name: '@temu-bisnis/sdk',
      version: '0.1.0',
      sideEffects: false,
      engines: { node: expect.any(String) },
      main: './dist/index.cjs',
      module: './dist/index.js',
      types: './dist/index.d.ts',
      exports: {
        '.': {
          import: { types: './dist/index.d.ts', default: './dist/index.js' },
          require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
        },
      },
      peerDependencies: { graphql: expect.any(String) },
    });
    expect(JSON.stringify(packedManifest.dependencies)).not.toContain('workspace:');
  });

  it('uses no Node-only API at load time: no static node: import, no Buffer, no process in the build', () => {
    for (const file of ['index.js', 'index.cjs']) {
      const code = readFileSync(join(work, 'node_modules/@temu-bisnis/sdk/dist', file), 'utf8');
      expect(code).not.toMatch(/from ["']node:|require\(["']node:|\bBuffer\b|\bprocess\.|require\(["'](fs|http|https|crypto|path|os)["']\)/);
      // The one Node module it names is loaded only when exportCsvToFile is called (Node only, documented).
      expect(code.match(/["']node:[\w/]+["']/g)).toEqual(['"node:fs/promises"']);
    }
  });

  it('resolves to the ESM build for import and to the CommonJS build for require', async () => {
    const esm = await execFile(process.execPath, ['--input-type=module', '-e', "console.log(import.meta.resolve('@temu-bisnis/sdk'))"], { cwd: join(work, 'esm') });
    expect(esm.stdout.trim()).toMatch(/node_modules\/@temu-bisnis\/sdk\/dist\/index\.js$/);
    const cjs = await execFile(process.execPath, ['-e', "console.log(require.resolve('@temu-bisnis/sdk'))"], { cwd: join(work, 'cjs') });
    expect(cjs.stdout.trim()).toMatch(/node_modules\/@temu-bisnis\/sdk\/dist\/index\.cjs$/);
    expect(readFileSync(join(work, 'esm/bank-screening.mjs'), 'utf8')).toMatch(/^import .* from ['"]@temu-bisnis\/sdk['"];$/m);
    expect(readFileSync(join(work, 'cjs/bank-screening.cjs'), 'utf8')).toMatch(/= require\(["']@temu-bisnis\/sdk["']\);$/m);
  });
});

describe.each(Object.keys(FORMATS) as Format[])('the examples as %s', (format) => {
  let api: TestServer;
  let endpoint: string;

  /** A sign-in token of the first user that matches. */
  const tokenOf = async (where: object) => {
    const user = await api.db.prisma.user.findFirstOrThrow({ where, orderBy: { email: 'asc' } });
    return (await api.as(user.email)).authorization!.replace(/^Bearer /, '');
  };
  /** A member of the partner signs in and creates an API key for the partner's program (apiKeyCreate). */
  const apiKeyFor = async (slug: string, scopes: ApiScope[]) => {
    const member = new TemuBisnisClient({ endpoint, token: await tokenOf({ memberships: { some: { partner: { slug } } } }) });
    const { partner } = await member.viewer();
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    return (await member.apiKeys.create({ partnerId: partner!.id, name: `examples ${format}`, scopes, expiresAt })).secret;
  };
  const run = async (example: (typeof EXAMPLES)[number], env: Record<string, string>, args: string[] = []) => {
    const file = join(work, format, `${example}${FORMATS[format].output}`);
    const { stdout, stderr } = await execFile(process.execPath, [file, ...args], {
      cwd: join(work, format),
      env: { PATH: process.env.PATH, TEMU_BISNIS_ENDPOINT: endpoint, ...env },
    });
    console.log(`--- ${example} (${format}) ---\n${stdout}${stderr}`);
    return stdout;
  };

  beforeAll(async () => {
    api = await startTestServer({ seeded: true });
    endpoint = `${api.url}/graphql`;
  });
  afterAll(() => api.close());

  it('bank-screening: screens the consented leads, moves the eligible one, asks the anonymised for consent', async () => {
    const apiKey = await apiKeyFor('bri-unit-peterongan-kur', ['LEADS_READ', 'LEADS_WRITE']);
    const out = await run('bank-screening', { TEMU_BISNIS_API_KEY: apiKey });
    expect(out).toContain('Signed in as BRI Unit Peterongan');
    expect(out).toMatch(/with an API key \(scopes LEADS_READ, LEADS_WRITE\)/);
    expect(out).toMatch(/Pipeline: \d+ leads, \d+ shared with consent, \d+ anonymised/);
    expect(out).toMatch(/Screening [1-9]\d* new lead\(s\) with financial consent/);
    expect(out).toMatch(/ — ELIGIBLE \(KUR [A-Z_]+\)\n\s+→ moved to CONTACTED/);
    expect(out).toMatch(/Asked for consent on [1-9]\d* anonymised lead\(s\)/);
    expect(out).toMatch(/Exported leads of Rp10–100 juta as CSV: [1-9]\d* characters, columns \S+/);
    expect(out).toMatch(/Rate limit|Done\./);

    // The moves really happened: the bank's pipeline shows them with the job's note.
    const bank = new TemuBisnisClient({ endpoint, apiKey });
    const contacted = await bank.financingLeads.list({ filter: { status: 'CONTACTED' } });
    const moved = await Promise.all(contacted.nodes.map((l) => bank.financingLeads.get(l.id)));
    expect(moved.some((l) => l?.review?.history.some((h) => h.note.startsWith('Screening job: eligible')))).toBe(true);
  }, 60_000);

  it('distributor: finds IKM offers and recommended IKM for its products, posts its offer', async () => {
    const apiKey = await apiKeyFor('distribusi-pangan-jateng', ['OPPORTUNITIES_READ', 'OPPORTUNITIES_WRITE']);
    const out = await run('distributor', { TEMU_BISNIS_API_KEY: apiKey });
    expect(out).toContain('Sourcing for PT Distribusi Pangan Jawa Tengah');
    expect(out).toMatch(/Open IKM offers in our sectors: [1-9]\d*, in our product categories: \d+/);
    expect(out).toMatch(/ {2}makanan-ringan: [1-9]\d* IKM\n {4}- .+ \(NIB \d{13}\): [\d.]+ \S+\/month/);
    expect(out).toMatch(/Posted DISTRIBUTION_OFFER "Distribusi makanan-ringan ke toko modern dan tradisional" \(OPEN, until \d{4}-\d\d-\d\d\)/);
    const posted = await new TemuBisnisClient({ endpoint }).opportunities.list({ filter: { kinds: ['DISTRIBUTION_OFFER'], search: 'toko modern tradisional' } });
    expect(posted.nodes.map((o) => o.partner?.slug)).toContain('distribusi-pangan-jateng');
  }, 60_000);

  it("forum: a distributor's person registers for the open forum and asks the IKM that fit best; a second run asks nobody twice", async () => {
    const token = await tokenOf({ memberships: { some: { partner: { slug: 'distribusi-pangan-jateng' } } } });
    const out = await run('forum', { TEMU_BISNIS_TOKEN: token });
    expect(out).toMatch(/^Temu Bisnis IKM Kota Semarang 2027: 2027-02-17, .+ \(REGISTRATION_OPEN\); \d+ slots of 20 min, 8 tables$/m);
    expect(out).toMatch(/^Registered PT Distribusi Pangan Jawa Tengah \(demo\) with .+ \(at most 6 meetings\)$/m);
    expect(out).toMatch(/^IKM registered that fit us: [1-9]\d* \(already asked: 0\)$/m);
    const first = out.match(/Requested a meeting with .+ \(priority [1-5], PENDING, answer by \d{4}-\d\d-\d\d\): (makes|KBLI|sector) .+/g) ?? [];
    expect(first.length).toBeGreaterThan(0);

    const again = await run('forum', { TEMU_BISNIS_TOKEN: token });
    expect(again).toMatch(/^PT Distribusi Pangan Jawa Tengah \(demo\) is registered /m);
    expect(again).toContain(`(already asked: ${first.length})`);
    const second = again.match(/Requested a meeting with /g) ?? [];

    // The requests are on the forum, each IKM asked once.
    const sdk = new TemuBisnisClient({ endpoint, token });
    const forum = await sdk.sessions.getBySlug('temu-bisnis-ikm-semarang-2027');
    const mine = forum!.myParticipants.find((p) => p.side === 'PARTNER')!;
    const sent: string[] = [];
    for await (const r of sdk.sessions.iterateMeetingRequests(forum!.id)) if (r.requester.id === mine.id) sent.push(r.recipient.id);
    expect(sent).toHaveLength(first.length + second.length);
    expect(new Set(sent).size).toBe(sent.length);
  }, 90_000);

  it("bank-gunungpati (the tester's script, from docs/partners/bank.md): lists the Gunungpati leads of Rp50 juta or more with failing rules, moves one, writes the CSV", async () => {
    // An IKM in Gunungpati that consented to BRI (seed) asks for Rp75 juta, through the API as its owner would.
    const apiKey = await apiKeyFor('bri-unit-peterongan-kur', ['LEADS_READ', 'LEADS_WRITE']);
    const bank = new TemuBisnisClient({ endpoint, apiKey });
    const consented = await bank.financingLeads.list({ filter: { districtCode: '33.74.12', consentScope: 'NEEDS' } });
    const enterpriseId = consented.nodes.find((l) => l.enterprise)?.enterprise?.id;
    expect(enterpriseId).toBeDefined();
    const owner = new TemuBisnisClient({ endpoint, token: await tokenOf({ memberships: { some: { enterprise: { id: decodedId(enterpriseId!) } } } }) });
    const created = await owner.request<{ financingNeedCreate: { userErrors: unknown[] } }>(
      'mutation Need($input: FinancingNeedCreateInput!) { financingNeedCreate(input: $input) { userErrors { code } } }',
      { input: { enterpriseId, amount: '75000000', tenorMonths: 24, purpose: 'WORKING_CAPITAL' } },
    );
    expect(created.financingNeedCreate.userErrors).toEqual([]);

    const csvFile = join(work, format, 'gunungpati.csv');
    const out = await run('bank-gunungpati', { TEMU_BISNIS_API_KEY: apiKey }, [csvFile]);
    const count = Number(/^Gunungpati leads of Rp50 juta or more: (\d+)$/m.exec(out)?.[1]);
    expect(count).toBeGreaterThan(0);
    expect(out).toMatch(/^- .+: Rp75000000 WORKING_CAPITAL, NEW, (ELIGIBLE|NOT_ELIGIBLE|NEEDS_DOCUMENTS)$/m);
    expect(out).toMatch(/^ {4}(FAIL|MISSING_DOCUMENT) [A-Z0-9_]+: .+$/m);
    expect(out).toMatch(/^Moved .+ to CONTACTED$/m);
    expect(out).toContain('Refused as expected: INVALID_TRANSITION on input.status');

    // The file: the BOM Excel needs, the header, one row per lead the list counted.
    const bytes = readFileSync(csvFile);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^lead_id,status,open,sector,district_code,/);
    expect(rows).toHaveLength(count + 1);
    expect(out).toContain(`Wrote ${bytes.length} bytes to ${csvFile}`);
  }, 90_000);

  it('buyer-consortium: the buyer sees the consortium offers sent for its buy requests (a sentra’s and an ad-hoc group’s built here, one from the demo seed), with each member’s share and reasons', async () => {
    // Disperin staff put the offer together through the API: capacities, proposal, acceptances, send.
    const staff = await api.as('petugas.ikm@disperin.semarangkota.go.id');
    const gql = async (query: string, input: object) => {
      const res = await api.gql(query, { input }, staff);
      const payload = Object.values(res.data ?? {})[0] as { userErrors: unknown[] } & Record<string, any>;
      expect(res.errors ?? payload.userErrors).toEqual([]);
      return payload;
    };
    const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
    const sentra = await api.db.prisma.sentra.findUniqueOrThrow({ where: { slug: 'kampung-batik-malon' }, include: { members: { orderBy: { name: 'asc' }, take: 3 } } });
    for (const [i, m] of sentra.members.entries()) {
      await gql('mutation ($input: ConsortiumCapacitySetInput!) { consortiumCapacitySet(input: $input) { userErrors { code } } }', {
        enterpriseId: gid('Enterprise', m.id),
        unit: 'pcs',
        monthlyCapacity: 1_000 + 200 * i,
        sharePercent: 50,
      });
    }
    const buyer = await api.db.prisma.partner.findFirstOrThrow({ where: { kind: 'BUYER', memberships: { some: {} } }, orderBy: { slug: 'asc' } });
    const request = await api.db.prisma.opportunity.create({
      data: { kind: 'BUY_REQUEST', title: 'Masker batik 1.500 pcs/bulan', partnerId: buyer.id, quantity: 1_500, unit: 'pcs', validFrom: new Date(Date.now() - 86_400_000), validUntil: new Date(Date.now() + 30 * 86_400_000) },
    });
    const { offer } = await gql('mutation ($input: ConsortiumOfferProposeInput!) { consortiumOfferPropose(input: $input) { offer { id shares { id } } userErrors { code } } }', {
      opportunityId: gid('Opportunity', request.id),
      sentraId: gid('Sentra', sentra.id),
      memberIds: sentra.members.map((m) => gid('Enterprise', m.id)),
      coordinatorId: gid('Enterprise', sentra.members[0]!.id),
    });
    for (const share of offer.shares) await gql('mutation ($input: ConsortiumShareAnswerInput!) { consortiumShareAccept(input: $input) { userErrors { code } } }', { shareId: share.id });
    await gql('mutation ($input: ConsortiumOfferSendInput!) { consortiumOfferSend(input: $input) { userErrors { code } } }', { offerId: offer.id });

    // An ad-hoc group of batik IKM around Tembalang, found with consortiumCandidates and proposed by its members' IDs.
    const nearby = await api.db.prisma.enterprise.findMany({
      where: { status: 'ACTIVE', sector: 'BATIK', district: { code: { in: ['33.74.10', '33.74.11'] } } },
      orderBy: { name: 'asc' },
      take: 3,
    });
    expect(nearby).toHaveLength(3);
    for (const m of nearby) {
      await gql('mutation ($input: ConsortiumCapacitySetInput!) { consortiumCapacitySet(input: $input) { userErrors { code } } }', {
        enterpriseId: gid('Enterprise', m.id),
        unit: 'lembar',
        monthlyCapacity: 500,
        sharePercent: 80,
      });
    }
    const adHocRequest = await api.db.prisma.opportunity.create({
      data: { kind: 'BUY_REQUEST', title: 'Kain batik 1.000 lembar/bulan', partnerId: buyer.id, sector: 'BATIK', quantity: 1_000, unit: 'lembar', districtCodes: ['33.74.10'], validFrom: request.validFrom, validUntil: request.validUntil },
    });
    const found = await api.gql(
      'query ($id: ID!) { consortiumCandidates(opportunityId: $id) { groups { sentra { id } covers members { enterprise { id } } } } }',
      { id: gid('Opportunity', adHocRequest.id) },
      staff,
    );
    const adHoc = found.data!.consortiumCandidates.groups.find((g: { sentra: unknown }) => g.sentra === null);
    expect(adHoc.covers).toBe(true);
    const memberIds = adHoc.members.map((m: { enterprise: { id: string } }) => m.enterprise.id);
    const proposed = await gql('mutation ($input: ConsortiumOfferProposeInput!) { consortiumOfferPropose(input: $input) { offer { id shares { id } } userErrors { code } } }', {
      opportunityId: gid('Opportunity', adHocRequest.id),
      memberIds,
      coordinatorId: memberIds[0],
    });
    for (const share of proposed.offer.shares) await gql('mutation ($input: ConsortiumShareAnswerInput!) { consortiumShareAccept(input: $input) { userErrors { code } } }', { shareId: share.id });
    await gql('mutation ($input: ConsortiumOfferSendInput!) { consortiumOfferSend(input: $input) { userErrors { code } } }', { offerId: proposed.offer.id });

    const token = await tokenOf({ memberships: { some: { partnerId: buyer.id } } });
    const out = await run('buyer-consortium', { TEMU_BISNIS_TOKEN: token });
    expect(out).toMatch(/^• Masker batik 1\.500 pcs\/bulan: 1\.500 of 1\.500 pcs committed by Kampung Batik Malon .*\[SENT\]$/m);
    // Proposed by staff for a sentra without a coordinator: the officer is the contact.
    expect(out).toMatch(new RegExp(`Contact: .+ <[^>]+@disperin\\.semarangkota\\.go\\.id>; coordinating member ${sentra.members[0]!.name} \\(Gunungpati\\), 3 members`));
    expect(out.match(/^ {2}- .+: [\d.]+ pcs \([\d.]+ %\)$/gm)).toHaveLength(3);
    expect(out).toMatch(/^ {6}Commits 50 % of 1,400 units a month \(700\)\.$/m);
    // The ad-hoc group: no sentra, each member with its kecamatan and why it is in the group.
    expect(out).toMatch(/^• Kain batik 1\.000 lembar\/bulan: 1\.000 of 1\.000 lembar committed by an ad-hoc group of IKM \[SENT\]$/m);
    expect(out.match(/^ {2}- .+ \((Tembalang|Banyumanik)\): [\d.]+ lembar \([\d.]+ %\)$/gm)?.length).toBe(memberIds.length);
    expect(out).toMatch(/^ {6}In (Tembalang, the kecamatan of delivery|Banyumanik, next to the kecamatan of delivery Tembalang)\.$/m);
    // The demo seed's offer, sent to this buyer by a sentra with a coordinator: the person to deal with.
    const seeded = await api.db.prisma.consortiumOffer.findFirstOrThrow({
      where: { opportunity: { partnerId: buyer.id }, sentraId: { not: null } },
      include: { sentra: true, contactUser: true, coordinator: true, shares: true },
    });
    const id = (n: number) => new Intl.NumberFormat('id-ID').format(n);
    expect(out).toContain(`${id(seeded.quantity)} of ${id(seeded.quantity)} ${seeded.unit} committed by ${seeded.sentra!.name} [SENT]`);
    expect(out).toContain(`Contact: ${seeded.contactUser!.name} <${seeded.contactUser!.email}>; coordinating member ${seeded.coordinator.name} (`);
    // And the seed's ad-hoc group's offer: no sentra, the officer as contact, each member saying where it is against the delivery.
    const seededAdHoc = await api.db.prisma.consortiumOffer.findFirstOrThrow({
      where: { opportunity: { partnerId: buyer.id }, sentraId: null, opportunityId: { not: adHocRequest.id } },
      include: { shares: true, contactUser: true, coordinator: true },
    });
    expect(out).toContain(`Contact: ${seededAdHoc.contactUser!.name} <${seededAdHoc.contactUser!.email}>; coordinating member ${seededAdHoc.coordinator.name} (`);
    expect(out).toContain(`${id(seededAdHoc.quantity)} of ${id(seededAdHoc.quantity)} ${seededAdHoc.unit} committed by an ad-hoc group of IKM [SENT]`);
    expect(out).toContain(`      ${seededAdHoc.shares[0]!.reasons[0]}`);
    // A member line per share of the seeded offers (and of those built here, in their own units).
    const lines = (unit: string) => out.match(new RegExp(`^ {2}- .+: [\\d.]+ ${unit} \\([\\d.]+ %\\)$`, 'gm'))?.length;
    expect(lines(seeded.unit)).toBe(seeded.shares.length + (seededAdHoc.unit === seeded.unit ? seededAdHoc.shares.length : 0));
  }, 90_000);

  it('an example with a revoked or unknown key exits with 1 and names the error class', async () => {
    const result = await run('bank-screening', { TEMU_BISNIS_API_KEY: 'tb_key_revokedrevokedrevokedrevokedrevokedrevoke' }).catch((error: { code: number; stderr: string }) => error);
    expect(result).toMatchObject({ code: 1 });
    expect((result as { stderr: string }).stderr).toMatch(/^AuthenticationError: .+ \(HTTP 401, request [0-9a-f-]{36}\)/);
  }, 60_000);
});
