/**
 * ISO 4217 (List One, 2025) currencies a buyer can pay in, with their minor units (the
 * digits after the decimal point). Left out on purpose: codes with no minor units (metals
 * XAU/XAG/XPD/XPT, bond units XBA–XBD, XDR, XSU, XUA), the testing code XTS, "no currency"
 * XXX, and the fund codes (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW): no order is priced
 * in them, so a dispute naming one is refused rather than guessed at.
 */
const BY_MINOR_UNITS: Record<0 | 2 | 3, string> = {
  0: 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF',
  3: 'BHD IQD JOD KWD LYD OMR TND',
  2:
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD ' +
    'CAD CDF CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD ' +
    'GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD ' +
    'MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP ' +
    'PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS ' +
    'TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG',
};

/** Currency code → minor units, e.g. `MINOR_UNITS.get('JPY') === 0`, `MINOR_UNITS.get('KWD') === 3`. */
export const MINOR_UNITS: ReadonlyMap<string, number> = new Map(
  Object.entries(BY_MINOR_UNITS).flatMap(([units, codes]) => codes.split(' ').map((c) => [c, Number(units)] as const)),
);
