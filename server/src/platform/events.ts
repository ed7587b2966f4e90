/**
 * In-process domain events, emitted by a module after its transaction committed so that other
 * modules can react without the emitter depending on them (e.g. a ledger change recomputes the
 * computed items of that team's open assessments). Handlers run one after another; a failing
 * handler is reported and does not stop the others.
 */
export interface DomainEventMap {
  'ledger.changed': { orgUnitIds: string[] };
}

type Handler<K extends keyof DomainEventMap> = (payload: DomainEventMap[K]) => Promise<void>;

export class DomainEvents {
  private handlers = new Map<keyof DomainEventMap, Handler<keyof DomainEventMap>[]>();
  constructor(private readonly onError: (err: unknown, event: string) => void = () => {}) {}

  on<K extends keyof DomainEventMap>(event: K, handler: Handler<K>): void {
    const list = this.handlers.get(event) ?? [];
    list.push(handler as Handler<keyof DomainEventMap>);
    this.handlers.set(event, list);
  }

  async emit<K extends keyof DomainEventMap>(event: K, payload: DomainEventMap[K]): Promise<void> {
    for (const h of (this.handlers.get(event) ?? []) as Handler<K>[]) {
      try {
        await h(payload);
      } catch (err) {
        this.onError(err, event);
      }
    }
  }
}
