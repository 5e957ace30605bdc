import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { CylinderListPage } from '../../cylinder-list.dto';
import { CylinderListReader } from '../../cylinder-list.reader';
import { ListCylindersQuery } from './list-cylinders.query';

/** Where each cylinder is now: the `cylinder_states` read model, filtered and paged. */
@QueryHandler(ListCylindersQuery)
export class ListCylindersHandler implements IQueryHandler<ListCylindersQuery> {
  constructor(private readonly cylinders: CylinderListReader) {}

  execute({ filter }: ListCylindersQuery): Promise<CylinderListPage> {
    return this.cylinders.page(filter);
  }
}
