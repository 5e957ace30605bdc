import type { CylinderListQuery } from '../../cylinder-list.dto';

/** Filters already narrowed to the reader's scope. */
export class ListCylindersQuery {
  constructor(readonly filter: CylinderListQuery) {}
}
