import crypto from 'node:crypto';
export const newId = (): string => crypto.randomUUID();
