import { BadRequestException, Controller, Headers, type MessageEvent, Sse } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { CurrentActor } from '../access';
import type { Actor } from '../access/actor';
import { LiveEventsService } from './live-events.service';

/**
 * Server-sent events for open dashboards. Authenticated like every route, with the bearer
 * header (a token in the URL would end up in logs): browsers use a fetch-based client, not
 * `EventSource`.
 */
@ApiTags('live')
@ApiBearerAuth()
@Controller('events')
export class LiveEventsHttpController {
  constructor(private readonly live: LiveEventsService) {}

  @Sse()
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The id of the last change received: the stream resumes right after it.',
  })
  @ApiOkResponse({
    description:
      '`text/event-stream`: `change` events `{kind, type, facilityIds, tripId?}` with the ledger ' +
      'position as id, only those the reader may see; a comment heartbeat every 15 s.',
  })
  @ApiBadRequestResponse({ description: '`Last-Event-ID` is not a ledger position.' })
  events(
    @CurrentActor() actor: Actor,
    @Headers('last-event-id') lastEventId?: string,
  ): Observable<MessageEvent> {
    let after;
    if (lastEventId) {
      try {
        after = this.live.checkPosition(lastEventId);
      } catch {
        throw new BadRequestException({
          statusCode: 400,
          error: 'live.bad-last-event-id',
          message: `Last-Event-ID must be the id of an event this stream sent; got ${JSON.stringify(lastEventId)}`,
        });
      }
    }
    return this.live.stream(actor, after);
  }
}
