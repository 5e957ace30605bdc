import type { Actor } from '../../../access/actor';
import type { AlertListQuery } from '../../alert.dto';

export class ListAlertsQuery {
  constructor(
    readonly filter: AlertListQuery,
    readonly actor: Actor,
    readonly now: Date,
  ) {}
}
