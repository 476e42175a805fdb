/**
 * Which industries feed which: a small KBLI input–output table for the seeded Sentra IKM lines.
 *
 * Source: after BPS, Tabel Input-Output Indonesia 2016 (185 industries/products), simplified. For
 * each manufacturing line in the seed (prisma/seed-data/catalogue.json, whose `inputs` list each
 * line's raw materials) we keep the main domestic input industries that table shows for it, written
 * as KBLI 2020 prefixes (Peraturan BPS No. 2 Tahun 2020). No coefficient is taken: a link says only
 * "is a main input of", never how much, so the fit is yes or no. Inputs from outside manufacturing
 * use their KBLI kategori A/B golongan pokok: 01 crops (pertanian tanaman), 02 forestry (kehutanan),
 * 03 fisheries (perikanan), 08 quarrying (penggalian).
 */

export type SupplyLink = {
  /** KBLI prefix of the supplying industry. */
  from: string;
  /** KBLI prefix of the industry it feeds. */
  to: string;
  /** What flows, as a reason reads it. */
  what: string;
};

export const SUPPLY_LINKS: readonly SupplyLink[] = [
  // Food, beverages and herbal medicine (10–11, 21): farm and sea produce, ingredients, packaging.
  { from: '01', to: '10', what: 'farm produce (soybeans, fruit, spices, bamboo shoots) for food processing' },
  { from: '03', to: '102', what: 'fresh fish for fish processing (pengolahan ikan)' },
  { from: '10', to: '107', what: 'food ingredients (flour, sugar, meat) for bakeries, snacks and prepared meals' },
  { from: '2222', to: '10', what: 'plastic packaging (kemasan plastik) for food' },
  { from: '2222', to: '11', what: 'plastic bottles and packaging for beverages' },
  { from: '2222', to: '20', what: 'plastic bottles for soap and cosmetics' },
  { from: '2222', to: '21', what: 'plastic packaging for jamu and herbal medicine' },
  { from: '1702', to: '10', what: 'paper boxes and packaging (kemasan kertas) for food' },
  { from: '18', to: '10', what: 'printed labels for food packaging' },
  { from: '01', to: '21', what: 'spices and medicinal plants (rempah, empon-empon) for jamu and herbal medicine' },
  // Textiles, batik and garments (13–14): dyes, wax, yarn and cloth.
  { from: '02', to: '13134', what: 'plant dyes and bark (tingi, jalawe, mahoni) for natural-dye batik (batik warna alam)' },
  { from: '20', to: '13', what: 'dyes, batik wax (malam) and auxiliaries for textiles and batik' },
  { from: '1311', to: '1312', what: 'yarn (benang) for weaving' },
  { from: '1312', to: '1313', what: 'woven cloth (kain mori) for finishing and batik' },
  { from: '1312', to: '139', what: 'woven cloth for household and other textile goods' },
  { from: '13', to: '14', what: 'cloth for garments' },
  { from: '13', to: '32', what: 'cloth and scraps (kain perca) for crafts and souvenirs' },
  { from: '1511', to: '15', what: 'tanned leather (kulit samak) for leather goods and footwear' },
  // Wood and furniture (16, 31–32).
  { from: '161', to: '162', what: 'sawn timber for doors, frames and other wood goods' },
  { from: '16', to: '31', what: 'timber for furniture' },
  { from: '16', to: '32', what: 'timber for crafts and toys' },
  { from: '2022', to: '31', what: 'varnish and paint (bahan finishing) for furniture' },
  // Paper and printing (17–18).
  { from: '1701', to: '1702', what: 'paper and board for paper packaging' },
  { from: '1701', to: '18', what: 'paper for printing' },
  { from: '2022', to: '18', what: 'printing ink (tinta cetak)' },
  // Chemicals, plastics and minerals (20, 22–23).
  { from: '201', to: '202', what: 'basic chemicals for soap and cleaning products' },
  { from: '20', to: '32', what: 'paints, glues and chemicals for toys and crafts' },
  { from: '2013', to: '22', what: 'plastic resin (biji plastik) for plastic goods' },
  { from: '08', to: '23', what: 'sand, stone and clay for non-metallic mineral goods' },
  { from: '2394', to: '2395', what: 'cement for concrete goods such as paving' },
  // Metal and machinery (24–28).
  { from: '24', to: '25', what: 'iron, steel and stainless sheet for fabricated metal goods' },
  { from: '24', to: '28', what: 'steel for machinery' },
  { from: '27', to: '28', what: 'motors and electrical parts for machinery' },
];

/**
 * KBLI prefix of the industry that makes each input category of the seed (the `inputs` of
 * catalogue.json and the suppliers of partners.json), only as deep as the class is certain.
 */
export const INPUT_SOURCE: Readonly<Record<string, string>> = {
  'bandeng-segar': '03',
  'ikan-segar': '03',
  kedelai: '01',
  'buah-segar': '01',
  rempah: '01',
  rebung: '01',
  tepung: '106',
  'bahan-kue': '10',
  'daging-ayam': '101',
  'kemasan-plastik': '2222',
  'botol-kemasan': '2222',
  'kemasan-kertas': '1702',
  'label-kemasan': '1811',
  'kayu-pewarna': '02',
  'pewarna-alami': '20116',
  'pewarna-sintetis': '20116',
  'malam-batik': '20',
  benang: '1311',
  'kain-mori': '1312',
  'kain-katun': '1312',
  'kain-tenun': '1312',
  'kain-perca': '13',
  'kulit-samak': '1511',
  'kayu-olahan': '161',
  finishing: '2022',
  kertas: '1701',
  tinta: '2022',
  'bahan-kimia': '201',
  'biji-plastik': '2013',
  semen: '2394',
  'pasir-abu-batu': '08',
  'tanah-liat': '08',
  'plat-besi': '241',
  stainless: '241',
  'komponen-listrik': '27',
};

/**
 * Something a counterpart supplies: its words and the KBLI prefix of the industry that makes it,
 * null when the table does not know the goods (they then feed nothing).
 */
export type SuppliedItem = { item: string; kbli: string | null };

export type SupplyMatch = { supplied: SuppliedItem & { kbli: string }; code: string; link: SupplyLink };

/** An output belongs to a link's supplying industry when it is at least as specific. */
function linkFeeds(link: SupplyLink, output: string, code: string): boolean {
  return output.startsWith(link.from) && code.startsWith(link.to);
}

/** Every (supplied item, IKM code) pair joined by a link, in the order of `codes`. */
export function supplyMatches(supplied: readonly SuppliedItem[], codes: readonly string[]): SupplyMatch[] {
  return codes.flatMap((code) =>
    supplied.flatMap(({ item, kbli }) => {
      if (kbli === null) return [];
      const link = SUPPLY_LINKS.find((l) => linkFeeds(l, kbli, code));
      return link ? [{ supplied: { item, kbli }, code, link }] : [];
    }),
  );
}

/** KBLI prefixes of the industries that the supplied items feed: an IKM code starting with one is fed. */
export function fedPrefixes(supplied: readonly SuppliedItem[]): string[] {
  const fed = SUPPLY_LINKS.filter((l) => supplied.some((s) => s.kbli?.startsWith(l.from))).map((l) => l.to);
  return [...new Set(fed)];
}

/** Input categories whose making industry feeds at least one of the codes. */
export function inputCategoriesFeeding(codes: readonly string[]): string[] {
  return Object.entries(INPUT_SOURCE)
    .filter(([, kbli]) => codes.some((code) => SUPPLY_LINKS.some((l) => linkFeeds(l, kbli, code))))
    .map(([category]) => category);
}
