import type { DailyFillsQuery } from '../../daily-fills.dto';

/** Fills per lot, QC failures counted; filters already narrowed to the reader's scope. */
export class ListLotFillsQuery {
  constructor(readonly filter: Omit<DailyFillsQuery, 'sizeCode'>) {}
}
