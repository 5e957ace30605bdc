import type { FacilityStockQuery } from '../../stock.dto';

/** Filters already narrowed to the reader's scope. */
export class ListFacilityStockQuery {
  constructor(readonly filter: FacilityStockQuery) {}
}
