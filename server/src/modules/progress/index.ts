export { target, teamSnapshot, reportJob } from './progress.tables';
export { createProgressService, takeSnapshots, takeMissingSnapshots, FORECAST_WINDOW_DAYS, type ProgressService } from './progress.service';
export { progressRoutes } from './progress.routes';
export { startSnapshotScheduler } from './progress.scheduler';
export { progressRepository } from './progress.repository';
export { forecastTarget, type Forecast, type ForecastStatus } from './domain/forecast';
export * from './domain/rollup';
