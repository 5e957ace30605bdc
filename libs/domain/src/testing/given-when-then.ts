import { deepStrictEqual, fail, ok } from 'node:assert/strict';
import { Decider } from '../shared/decider';

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

/**
 * Given / when / then for a Decider: the state is rebuilt from the given events with `evolve`,
 * the command is decided, and the events or the refusal are checked.
 *
 * ```ts
 * const given = specificationFor(cylinderDecider(config));
 * given([registered]).when(fill).then([filled]);
 * given([]).when(fill).thenThrows(CylinderNotRegistered);
 * ```
 */
export function specificationFor<State, Command, Event>(decider: Decider<State, Command, Event>) {
  return (givenEvents: readonly Event[]) => ({
    when: (command: Command) => {
      const state = givenEvents.reduce(decider.evolve, decider.initialState());
      const decide = () => decider.decide(command, state);
      return {
        /** The command produces exactly these events, in this order. */
        then(expected: readonly Event[]): void {
          deepStrictEqual(decide(), expected);
        },
        /**
         * The command is refused with an instance of `errorClass`; returns the error so the test
         * can check what it names (serial, rule, state).
         */
        thenThrows<E extends Error>(errorClass: ErrorClass<E>, check?: (error: E) => void): E {
          let events: Event[];
          try {
            events = decide();
          } catch (error) {
            ok(
              error instanceof errorClass,
              `expected ${errorClass.name}, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
            );
            check?.(error);
            return error;
          }
          return fail(
            `expected ${errorClass.name}, but the command produced ${JSON.stringify(events)}`,
          );
        },
      };
    },
  });
}
