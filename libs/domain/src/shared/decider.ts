/**
 * An aggregate as three pure functions (the Decider pattern, as in Emmett and Oskar Dudycz's
 * EventSourcing.NodeJS samples): `decide` turns a command and the current state into new events
 * or throws a `DomainError`; `evolve` folds one event into the state; `initialState` is the state
 * of a stream with no events. Structurally compatible with Emmett's `Decider`.
 */
export interface Decider<State, Command, Event> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** The state after `events`, from the decider's initial state. */
export function replay<State, Event>(
  decider: Pick<Decider<State, unknown, Event>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}
