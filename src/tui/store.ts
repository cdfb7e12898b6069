/**
 * The shell around the pure reducer: holds the current state, runs each action through the
 * reducer, hands the events the reducer listed to the effect runner (journal, write, exit),
 * and tells subscribers (React, via useSyncExternalStore) once the queue of actions is done.
 * Actions dispatched by an effect are queued and run in order.
 */
export interface Evented<E> {
  readonly events: readonly E[];
}

export class Store<S extends Evented<E>, A, E> {
  private state: S;
  private readonly listeners = new Set<() => void>();
  private readonly queue: A[] = [];
  private busy = false;
  /** Runs each event the reducer emits; set by the shell. */
  onEvent: (event: E) => void = () => {};

  constructor(
    initial: S,
    private readonly reduce: (s: S, a: A) => S,
  ) {
    this.state = initial;
  }

  readonly getState = (): S => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly dispatch = (action: A): void => {
    this.queue.push(action);
    if (this.busy) return;
    this.busy = true;
    const before = this.state;
    try {
      while (this.queue.length > 0) {
        this.state = this.reduce(this.state, this.queue.shift()!);
        for (const e of this.state.events) this.onEvent(e);
      }
    } finally {
      this.busy = false;
      this.queue.length = 0;
      if (this.state !== before) for (const l of this.listeners) l();
    }
  };
}
