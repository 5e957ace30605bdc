import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  evolveLotRecall,
  fromStoredEvent,
  isLotRecallEvent,
  type LotRecall,
} from '@oxyledger/domain';
import { EVENT_STORE, type EventStore, type Position } from '@oxyledger/event-store';
import type { Actor } from '../access/actor';
import { commandContext } from '../ledger/command-context';
import { LotRecallService } from './lot-recall.service';

const PREFIX = 'lot-recall-';

/**
 * Finishes, at start-up, the recalls a crash or a restart cut short: a recall must not wait for
 * someone to think of asking again. Runs in the background, in the name of whoever ordered the
 * recall; several processes may do it at once, since each chunk's append is checked against
 * the revisions it read and a chunk is never recorded twice.
 */
@Injectable()
export class LotRecallResumer implements OnApplicationBootstrap {
  private readonly logger = new Logger('LotRecallResumer');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly recalls: LotRecallService,
  ) {}

  onApplicationBootstrap(): void {
    void this.resumeUnfinished().catch((error: unknown) =>
      this.logger.error(`Resuming unfinished recalls failed: ${String(error)}`),
    );
  }

  /** Runs every unfinished recall to its end; returns the lots it resumed. */
  async resumeUnfinished(): Promise<string[]> {
    const recalls = new Map<string, { state: LotRecall | null; orderedBy?: Actor }>();
    let after: Position | 'start' = 'start';
    for (;;) {
      const page = await this.store.readAll({
        after,
        maxCount: 1_000,
        filter: { streamPrefixes: [PREFIX] },
      });
      for (const recorded of page) {
        const event = fromStoredEvent(recorded);
        if (!isLotRecallEvent(event)) continue;
        const entry = recalls.get(recorded.streamName) ?? { state: null };
        entry.state = evolveLotRecall(entry.state, event);
        entry.orderedBy ??= recorded.metadata.actor as Actor | undefined;
        recalls.set(recorded.streamName, entry);
      }
      if (page.length < 1_000) break;
      after = page[page.length - 1].position;
    }
    const resumed: string[] = [];
    for (const { state, orderedBy } of recalls.values()) {
      if (state === null || state.completedAt !== null || orderedBy === undefined) continue;
      this.logger.log(`Resuming the recall of lot ${state.lot}`);
      await this.recalls.proceed(
        state.lot,
        commandContext(orderedBy, { correlationId: `lot-recall:${state.lot}` }),
      );
      resumed.push(state.lot);
    }
    return resumed;
  }
}
