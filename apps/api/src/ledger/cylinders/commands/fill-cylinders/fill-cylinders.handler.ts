import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideFillCylinders, STANDARD_CYLINDER_CONFIG } from '@oxyledger/domain';
import { assertMayActAtFacility } from '../../../../access/authorization';
import { NetworkService } from '@oxyledger/network';
import { LedgerStore } from '@oxyledger/ledger';
import { FillCylindersCommand } from './fill-cylinders.command';

export interface FillCylindersResult {
  filled: string[];
  position?: string;
}

@CommandHandler(FillCylindersCommand)
export class FillCylindersHandler implements ICommandHandler<FillCylindersCommand> {
  constructor(
    private readonly ledger: LedgerStore,
    private readonly network: NetworkService,
  ) {}

  async execute({ fill, context }: FillCylindersCommand): Promise<FillCylindersResult> {
    assertMayActAtFacility(context.actor, fill.plantId);
    // Checked side by side with the first read: the request holds its ledger connection meanwhile.
    const plantKnown = this.network.getFacility(fill.plantId);
    return this.ledger.withRetryOnConflict(async () => {
      const [, { states, revisions }] = await Promise.all([
        plantKnown,
        this.ledger.loadCylinders(fill.serials),
      ]);
      const decision = decideFillCylinders(
        { ...fill, at: context.occurredAt },
        states,
        STANDARD_CYLINDER_CONFIG,
      );
      const position = await this.ledger.append(decision.streams, revisions, context);
      return { filled: fill.serials, position };
    });
  }
}
