import { currentLang } from './i18n';

// ISO 3166-1 alpha-2 codes; the browser's Intl names them in the page language, so no name table ships.
const CODES =
  'AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI KH CM CA CV CF TD CL CN CO KM CG CD CR CI HR CU CY CZ DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE DE GH GR GD GT GN GW GY HT HN HK HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KP KR KW KG LA LV LB LS LR LY LI LT LU MO MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO OM PK PW PS PA PG PY PE PH PL PT QA RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TW TJ TZ TH TL TG TO TT TN TR TM TV UG UA AE GB US UY UZ VU VA VE VN YE ZM ZW'.split(' ');

export interface Country {
  code: string;
  name: string;
}

const cache = new Map<string, Country[]>();

/** Countries sorted by their name in the current language; Vietnam first. */
export function countries(): Country[] {
  const lang = currentLang();
  let list = cache.get(lang);
  if (!list) {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([lang], { type: 'region' });
    } catch {
      // Old browsers without Intl.DisplayNames show the codes.
    }
    const collator = new Intl.Collator(lang);
    list = CODES.map((code) => ({ code, name: names?.of(code) ?? code })).sort((a, b) => (a.code === 'VN' ? -1 : b.code === 'VN' ? 1 : collator.compare(a.name, b.name)));
    cache.set(lang, list);
  }
  return list;
}
