/** Patrol analytics over one device's positions. Pure: no I/O, no clock. See each file's header for defaults. */
export * from './track';
export * from './patrol';
export * from './coverage';
export * from './duty';
