/** OsmAnd / Traccar Client HTTP protocol parser and position filters. Pure: no I/O, no clock. */
export * from './osmand';
export * from './filters';
