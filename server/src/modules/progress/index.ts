export { target, teamSnapshot, reportJob } from './progress.tables';
export { createProgressService, takeSnapshots, takeMissingSnapshots, repairSnapshotAspects, FORECAST_WINDOW_DAYS, type ProgressService, type TargetRelation } from './progress.service';
export { progressRoutes } from './progress.routes';
export { startSnapshotScheduler, repairAtStart } from './progress.scheduler';
export { progressRepository } from './progress.repository';
export { forecastTarget, type Forecast, type ForecastStatus } from './domain/forecast';
export * from './domain/rollup';
