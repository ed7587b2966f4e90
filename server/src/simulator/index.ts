/**
 * Device simulator: drives simulated phones (OsmAnd HTTP) and terminals (JT/T 808 TCP) against a running server.
 * CLI: `guifan simulate` (server/src/cli/commands.ts). Programmatic: `runSimulation(opts)`.
 */
export { runSimulation, formatStatus, formatSummary, simClock, FALLBACK_AREA, type SimulationOptions, type SimulationStats, type SimulationStatus, type ProtocolSummary } from './simulate';
export { SimulationError } from './api';
export { planFleet, type OrgArea, type RegisteredDevice, type SimDevice, type ProtocolChoice } from './fleet';
export { buildStreetGraph, createPatrol, createRng, seedFrom, MODES, type Patrol, type PatrolFix, type PatrolMode } from './route';
export { Jt808Terminal, Jt808Session } from './jt808-client';
export { OsmAndPhone, osmandQuery } from './osmand-client';
export { LatencyHistogram, ProtocolCounters } from './stats';
export type { Report, DeviceClient } from './device';
