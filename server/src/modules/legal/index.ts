/** The legal module's public surface: the pure core (rules as data, calendar, deadline engine) and, below, its services. */
export * from './domain';
