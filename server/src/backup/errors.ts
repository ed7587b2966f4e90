/** An expected failure of backup or restore: the message is for the operator, no stack trace needed. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}
