import type { DailyFillsQuery } from '../../daily-fills.dto';

/** Filters already narrowed to the reader's scope. */
export class ListDailyFillsQuery {
  constructor(readonly filter: DailyFillsQuery) {}
}
