/** Where planning reads the time: a port, so tests pin it and a plan never depends on when it ran. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
