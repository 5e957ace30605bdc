import type { CommandContext } from '../../../command-context';
import type { DeliverAtStopDto } from './deliver-at-stop.dto';

export class DeliverAtStopCommand {
  constructor(
    readonly tripId: string,
    readonly stop: Omit<DeliverAtStopDto, 'occurredAt'>,
    readonly context: CommandContext,
  ) {}
}
