import { createHash } from 'node:crypto';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { isSha256 } from '@oxyledger/domain';
import { CurrentActor, Roles } from '../../access';
import type { Actor } from '../../access/actor';
import { commandContext } from '../../ledger/command-context';
import { NetworkService } from '@oxyledger/network';
import { DEFAULT_PAGE_SIZE } from '@oxyledger/network';
import { personView } from '../directory/contact-visibility';
import { rankExperts, rankOrganisations, TAGS_FOR_CATEGORY } from '../directory/expert-matching';
import { DIRECTORY_READERS } from '../directory/partner-directory.http.controller';
import { PartnerDirectoryService } from '../directory/partner-directory.service';
import {
  ChangeHelpRequestCommand,
  type HelpRequestChange,
} from './commands/change-help-request/change-help-request.command';
import {
  AssignHelpRequestDto,
  CommentOnHelpRequestDto,
  ReopenHelpRequestDto,
  ResolveHelpRequestDto,
  TriageHelpRequestDto,
} from './commands/change-help-request/change-help-request.dto';
import { OpenHelpRequestCommand } from './commands/open-help-request/open-help-request.command';
import { OpenHelpRequestDto } from './commands/open-help-request/open-help-request.dto';
import { HelpRequestPhotoStore } from './help-request-photo.store';
import { HelpRequestPhotoRefused } from './help-request.errors';
import { BoardQuery, StatsQuery } from './queries/board.dto';
import { HelpRequestsReader } from './queries/help-requests.reader';
import { OccurredAtDto } from '../../ledger/cylinders/commands/change-cylinder/change-cylinder.dto';

export const PHOTO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const PHOTO_MAX_BYTES = 4 * 1024 * 1024;

interface RawRequest extends AsyncIterable<Buffer> {
  readonly readableEnded?: boolean;
}

/**
 * Help requests: opened by a hospital, a plant or a dispatcher, triaged and assigned by
 * dispatchers to a person or organisation of the partner directory, worked and resolved by
 * them. Every step is an event in `help-request-<id>`; an illegal step is a 409 naming the state.
 */
@ApiTags('help-requests')
@ApiBearerAuth()
@Controller('help-requests')
@Roles(...DIRECTORY_READERS)
export class HelpRequestsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: HelpRequestsReader,
    private readonly directory: PartnerDirectoryService,
    private readonly network: NetworkService,
    private readonly photos: HelpRequestPhotoStore,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'The board: most urgent first, then newest.' })
  async board(@Query() query: BoardQuery) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const { items, total } = await this.reader.board(query, { page, pageSize });
    return { items, page, pageSize, total };
  }

  @Get('stats')
  @ApiOkResponse({ description: 'Time to assign and to resolve, per category and governorate.' })
  stats(@Query() query: StatsQuery) {
    return this.reader.stats(query);
  }

  @Post()
  @Roles('hospital', 'producer', 'dispatcher', 'admin')
  @ApiCreatedResponse({ description: 'The request as opened; its id is `requestId`.' })
  @ApiUnprocessableEntityResponse({ description: 'A field breaks a rule, or a photo is missing.' })
  open(@Body() body: OpenHelpRequestDto, @CurrentActor() actor: Actor) {
    const { occurredAt, ...request } = body;
    return this.commands.execute(
      new OpenHelpRequestCommand(request, commandContext(actor, { occurredAt })),
    );
  }

  @Put('photos/:sha256')
  @HttpCode(HttpStatus.CREATED)
  @Roles('hospital', 'producer', 'dispatcher', 'admin')
  @ApiConsumes(...PHOTO_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  async uploadPhoto(
    @Param('sha256') sha256: string,
    @Headers('content-type') contentType: string | undefined,
    @Req() request: RawRequest,
    @CurrentActor() actor: Actor,
  ): Promise<{ sha256: string; bytes: number }> {
    if (!isSha256(sha256))
      throw new HelpRequestPhotoRefused(422, 'sha256', 'must be a lowercase hex SHA-256');
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    if (!(PHOTO_TYPES as readonly string[]).includes(type))
      throw new HelpRequestPhotoRefused(
        415,
        'content-type',
        `must be one of ${PHOTO_TYPES.join(', ')}`,
      );
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += chunk.length;
      if (size > PHOTO_MAX_BYTES)
        throw new HelpRequestPhotoRefused(413, 'body', `must be at most ${PHOTO_MAX_BYTES} bytes`);
      chunks.push(chunk);
    }
    const bytes = Buffer.concat(chunks);
    if (bytes.length === 0) throw new HelpRequestPhotoRefused(400, 'body', 'must hold the photo');
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256)
      throw new HelpRequestPhotoRefused(422, 'sha256', `does not match the body (${actual})`);
    await this.photos.save({ sha256, contentType: type, bytes, uploadedBy: actor.userId });
    return { sha256, bytes: bytes.length };
  }

  @Get('photos/:sha256')
  @ApiNotFoundResponse({ description: 'No such photo.' })
  async photo(
    @Param('sha256') sha256: string,
    @Res()
    response: {
      status(n: number): { json(b: unknown): void };
      type(t: string): unknown;
      send(b: Buffer): unknown;
    },
  ): Promise<void> {
    const photo = isSha256(sha256) ? await this.photos.find(sha256) : undefined;
    if (!photo) {
      response.status(404).json({
        statusCode: 404,
        error: 'help-request.photo-not-found',
        message: `No help-request photo ${sha256}`,
      });
      return;
    }
    response.type(photo.contentType);
    response.send(photo.bytes);
  }

  @Get(':requestId')
  @ApiNotFoundResponse({ description: 'No such request.' })
  detail(@Param('requestId') requestId: string) {
    return this.reader.detail(requestId);
  }

  /** People and organisations who could take the request: by skill, governorate, distance. */
  @Get(':requestId/suggestions')
  async suggestions(@Param('requestId') requestId: string, @CurrentActor() actor: Actor) {
    const request = await this.reader.detail(requestId);
    const facility = await this.network.getFacility(request.facilityId);
    const needed = TAGS_FOR_CATEGORY[request.category];
    const [people, organisations] = await Promise.all([
      this.directory.peopleWithAnyTag(needed),
      this.directory.listOrganisations({ governorate: facility.governorate }),
    ]);
    const place = {
      governorate: facility.governorate,
      latitude: facility.latitude,
      longitude: facility.longitude,
    };
    return {
      neededTags: needed,
      people: rankExperts(people, needed, place)
        .slice(0, 10)
        .map(({ person, ...rank }) => ({ ...rank, person: personView(person, actor) })),
      organisations: rankOrganisations(organisations, needed, facility.governorate).slice(0, 5),
    };
  }

  @Post(':requestId/triage')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'Not in a state that can be triaged; names the state.' })
  triage(
    @Param('requestId') id: string,
    @Body() body: TriageHelpRequestDto,
    @CurrentActor() a: Actor,
  ) {
    return this.change(id, { type: 'TriageHelpRequest', data: { urgency: body.urgency } }, a, body);
  }

  @Post(':requestId/assign')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'Not in a state that can be assigned; names the state.' })
  assign(
    @Param('requestId') id: string,
    @Body() body: AssignHelpRequestDto,
    @CurrentActor() a: Actor,
  ) {
    return this.change(
      id,
      { type: 'AssignHelpRequest', data: { assignee: { kind: body.kind, id: body.id } } },
      a,
      body,
    );
  }

  @Post(':requestId/start')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'Not assigned; names the state.' })
  start(@Param('requestId') id: string, @Body() body: OccurredAtDto, @CurrentActor() a: Actor) {
    return this.change(id, { type: 'StartHelpRequest', data: {} }, a, body);
  }

  @Post(':requestId/resolve')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'Not assigned or in progress; names the state.' })
  resolve(
    @Param('requestId') id: string,
    @Body() body: ResolveHelpRequestDto,
    @CurrentActor() a: Actor,
  ) {
    return this.change(
      id,
      { type: 'ResolveHelpRequest', data: { resolution: body.resolution } },
      a,
      body,
    );
  }

  @Post(':requestId/close')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'Not resolved; names the state.' })
  close(@Param('requestId') id: string, @Body() body: OccurredAtDto, @CurrentActor() a: Actor) {
    return this.change(id, { type: 'CloseHelpRequest', data: {} }, a, body);
  }

  @Post(':requestId/reopen')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'Not resolved or closed; names the state.' })
  reopen(
    @Param('requestId') id: string,
    @Body() body: ReopenHelpRequestDto,
    @CurrentActor() a: Actor,
  ) {
    return this.change(id, { type: 'ReopenHelpRequest', data: { reason: body.reason } }, a, body);
  }

  @Post(':requestId/comments')
  @HttpCode(200)
  comment(
    @Param('requestId') id: string,
    @Body() body: CommentOnHelpRequestDto,
    @CurrentActor() a: Actor,
  ) {
    return this.change(id, { type: 'CommentOnHelpRequest', data: { note: body.note } }, a, body);
  }

  private change(requestId: string, change: HelpRequestChange, actor: Actor, body: OccurredAtDto) {
    return this.commands.execute(
      new ChangeHelpRequestCommand(
        requestId,
        change,
        commandContext(actor, { occurredAt: body.occurredAt, correlationId: requestId }),
      ),
    );
  }
}
