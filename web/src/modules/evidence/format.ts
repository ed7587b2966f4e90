/** "2026-03-02 09:30:05" in Beijing (the case's time zone), from an ISO instant. */
export function bjDateTime(iso: string, seconds = false): string {
  const s = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().replace('T', ' ');
  return s.slice(0, seconds ? 19 : 16);
}

/** "2026-03-02 09:30–10:00" (the date once when both ends are on the same day). */
export function bjSpan(from: string, to: string): string {
  const a = bjDateTime(from);
  const b = bjDateTime(to);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a}–${b.slice(11)}` : `${a}–${b}`;
}

/** A Beijing wall-clock value of `<input type="datetime-local">` ("2026-03-02T09:30") → ISO instant. */
export function fromBjLocal(v: string): string {
  return new Date(`${v.length === 16 ? `${v}:00` : v}+08:00`).toISOString();
}

/** The EXIF time as the camera gave it ("2026-03-05T14:20:31+08:00" → "2026-03-05 14:20:31"). */
export function exifTime(s: string): string {
  return s.replace('T', ' ').replace(/([+-]\d{2}:\d{2}|Z)$/, '');
}

/** OpenStreetMap at the photo's WGS-84 position (EXIF GPS is WGS-84; OSM shows WGS-84, no offset needed). */
export function mapLink(lat: number, lon: number): string {
  return `https://www.openstreetmap.org/?mlat=${lat.toFixed(6)}&mlon=${lon.toFixed(6)}#map=18/${lat.toFixed(6)}/${lon.toFixed(6)}`;
}
