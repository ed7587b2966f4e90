export { trackingDevice, trackingBinding, trackingPosition, trackingShift, trackingCheckpoint, trackingAlert } from './tracking.tables';
export { createTrackingService, createTeamMetrics, type TrackingService } from './tracking.service';
export { TRACKING_METRICS, METRICS_PERIOD_DAYS, metricsPeriod, type TeamMetrics, type TrackingMetric } from './tracking.analytics';
export { trackingRoutes } from './tracking.routes';
export { createIngest, IngestRefused, type Ingest, type DeviceState } from './tracking.ingest';
export { createLiveHub, type LiveHub } from './tracking.live';
export { startOsmAndServer } from './tracking.osmand';
export { startJt808Gateway, type Jt808Gateway } from './tracking.jt808';
export { PositionWriter, WriterOverloaded, toCopyText, type PositionRow } from './tracking.writer';
export { maintainPartitions, startTrackingJobs } from './tracking.partitions';
export { cnDay, cnDayRange, partitionName } from './domain/partitions';
export { haversineM, offsetM } from './domain/geo';
export type { FixFlag } from './domain/osmand/filters';
/** Positions of the devices bound to persons in a time window (the onsite module's check of case steps). */
export { personFixes, type PersonFixes } from './tracking.person-fixes';
