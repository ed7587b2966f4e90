export { createBackup, type BackupOptions, type BackupSummary } from './backup';
export { restoreBackup, dataInTarget, PRISTINE_ROWS, type RestoreOptions, type RestoreSummary } from './restore';
export { appliedMigrations } from './catalog';
export { BackupError } from './errors';
export { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, migrationMismatch, type BackupHeader, type MigrationRef } from './format';
export type { Progress, ProgressFn } from './progress';
