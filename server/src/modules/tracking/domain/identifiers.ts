/**
 * Device identifiers. A JT/T 808 terminal number is written as BCD digits padded with leading zeros to 12 digits
 * (2011/2013 headers, BCD[6]) or 20 digits (2019 headers, BCD[10]) (JT/T 808-2019 §4.4.3 table 2). The same SIM
 * number must match whichever header a terminal uses, and what an administrator types in (usually the 11-digit
 * mobile number), so terminal numbers are stored and compared without the leading zeros.
 */
export function normalizeTerminalNo(raw: string): string {
  const t = raw.trim().replace(/^0+/, '');
  return t === '' ? '0' : t;
}

/** OsmAnd ids are taken as sent, trimmed (Traccar compares them exactly). */
export function normalizeOsmAndId(raw: string): string {
  return raw.trim();
}
