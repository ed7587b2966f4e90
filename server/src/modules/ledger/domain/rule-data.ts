import { ASSET_STATUSES, ASSET_TYPES, ASSET_TYPE_LABELS, REQUIRED_ROOM_TYPES, certificateState } from './ledger-kinds';

/**
 * Ledger facts for computed standard items, with exactly the field names of the rule language
 * (`count(person where kind = 'officer' and certificate_valid = true)` …). Pure: built from rows and today.
 */
// Type aliases, not interfaces: rows must be assignable to the rule evaluator's Record<string, unknown>.
export type PersonFacts = {
  id: string;
  kind: string;
  status: string;
  training_hours: number;
  has_certificate: boolean;
  certificate_valid: boolean;
  party_member: boolean;
  uniform_issued: boolean;
};
export type RoomFacts = {
  id: string;
  type: string;
  area: number;
};
export type OfficeFacts = {
  id: string;
  area: number;
  independent: boolean;
  floor: number;
};
export type AssetFacts = {
  id: string;
  type: string;
  status: string;
};
export type SignageFacts = {
  id: string;
  type: string;
  conforms: boolean;
};

/** Metrics the rules may use; null means unknown (no data, or no module computes it yet). */
export const RULE_METRICS = ['certificate_rate', 'case_on_time_rate', 'legal_review_rate_major', 'body_camera_coverage', 'complaint_response_rate', 'satisfaction_rate', 'patrol_coverage_rate', 'duty_compliance_rate', 'device_online_rate'] as const;
export type RuleMetric = (typeof RULE_METRICS)[number];

export interface RuleData {
  rows: { person: PersonFacts[]; room: RoomFacts[]; office: OfficeFacts[]; asset: AssetFacts[]; signage: SignageFacts[] };
  metrics: Record<RuleMetric, number | null>;
}

export interface LedgerRows {
  persons: { id: string; kind: string; status: string; trainingHours: number; certificateNo: string | null; certificateExpiresOn: string | null; partyMember: boolean; uniformIssuedOn: string | null }[];
  rooms: { id: string; type: string; area: number }[];
  offices: { id: string; area: number; independent: boolean; floor: number }[];
  assets: { id: string; type: string; status: string }[];
  signage: { id: string; type: string; conforms: boolean }[];
}

export function buildRuleData(l: LedgerRows, today: string): RuleData {
  const person = l.persons.map((p) => ({
    id: p.id,
    kind: p.kind,
    status: p.status,
    training_hours: p.trainingHours,
    has_certificate: p.certificateNo !== null && p.certificateNo !== '',
    // Valid on the day: expiry ≥ today.
    certificate_valid: p.certificateNo !== null && p.certificateExpiresOn !== null && p.certificateExpiresOn >= today,
    party_member: p.partyMember,
    uniform_issued: p.uniformIssuedOn !== null,
  }));
  const officers = person.filter((p) => p.kind === 'officer' && p.status === 'active');
  const metrics = Object.fromEntries(RULE_METRICS.map((m) => [m, null])) as Record<RuleMetric, number | null>;
  // 持证率: active officers holding a valid 执法证 over active officers.
  metrics.certificate_rate = officers.length ? officers.filter((p) => p.certificate_valid).length / officers.length : null;
  return {
    rows: {
      person,
      room: l.rooms.map((r) => ({ id: r.id, type: r.type, area: r.area })),
      office: l.offices.map((o) => ({ id: o.id, area: o.area, independent: o.independent, floor: o.floor })),
      asset: l.assets.map((a) => ({ id: a.id, type: a.type, status: a.status })),
      signage: l.signage.map((s) => ({ id: s.id, type: s.type, conforms: s.conforms })),
    },
    metrics,
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const ratio = (a: number, b: number) => (b > 0 ? round2(a / b) : null);

/** A team's 执法保障 overview: head-count, certificates, equipment, premises, rooms, signage. */
export function buildOverview(l: LedgerRows, today: string, roomTypes: readonly string[]) {
  const active = l.persons.filter((p) => p.status === 'active');
  const officers = active.filter((p) => p.kind === 'officer');
  const certs = officers.map((p) => certificateState(p, today));
  const inUse = (type: string) => l.assets.filter((a) => a.type === type && a.status === 'in_use').length;
  const totalArea = round2(l.offices.reduce((s, o) => s + o.area, 0));
  return {
    persons: {
      officersActive: officers.length,
      auxiliariesActive: active.length - officers.length,
      left: l.persons.length - active.length,
      certificates: { valid: certs.filter((c) => c === 'valid').length, expiring: certs.filter((c) => c === 'expiring').length, expired: certs.filter((c) => c === 'expired').length, none: certs.filter((c) => c === 'none').length },
      certificateRate: ratio(certs.filter((c) => c === 'valid' || c === 'expiring').length, officers.length),
      partyMembers: officers.filter((p) => p.partyMember).length,
      uniformIssued: officers.filter((p) => p.uniformIssuedOn !== null).length,
      avgTrainingHours: officers.length ? round2(officers.reduce((s, p) => s + p.trainingHours, 0) / officers.length) : null,
    },
    assets: ASSET_TYPES.map((type) => {
      const of = l.assets.filter((a) => a.type === type);
      return { type, label: ASSET_TYPE_LABELS[type], total: of.length, ...Object.fromEntries(ASSET_STATUSES.map((s) => [s, of.filter((a) => a.status === s).length])) } as { type: string; label: string; total: number; in_use: number; in_repair: number; retired: number };
    }),
    perOfficer: { computers: ratio(inUse('computer'), officers.length), bodyCameras: ratio(inUse('body_camera'), officers.length), radios: ratio(inUse('radio'), officers.length), ebikes: ratio(inUse('ebike'), officers.length) },
    offices: { count: l.offices.length, totalArea, areaPerPerson: ratio(totalArea, active.length), independent: l.offices.some((o) => o.independent) },
    rooms: roomTypes.map((type) => {
      const of = l.rooms.filter((r) => r.type === type);
      return { type, count: of.length, area: round2(of.reduce((s, r) => s + r.area, 0)) };
    }),
    missingRequiredRooms: REQUIRED_ROOM_TYPES.filter((t) => !l.rooms.some((r) => r.type === t)),
    signage: { total: l.signage.length, conforming: l.signage.filter((s) => s.conforms).length, nonConforming: l.signage.filter((s) => !s.conforms).length },
  };
}
export type LedgerOverview = ReturnType<typeof buildOverview>;
