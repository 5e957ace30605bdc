import { createHash } from 'node:crypto';
import {
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiQuery, ApiTags } from '@nestjs/swagger';
import { isSha256 } from '@oxyledger/domain';
import { CurrentActor, Roles } from '../../access';
import type { Actor } from '../../access/actor';
import { DeliveryProofNotFound, DeliveryProofRefused } from './delivery-proof.errors';
import { DeliveryProofStore } from './delivery-proof.store';

export const PROOF_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
/** A drawn signature is a few KB; a phone photo is scaled down before it is queued. */
export const PROOF_IMAGE_MAX_BYTES = 2 * 1024 * 1024;
const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

interface RawRequest extends AsyncIterable<Buffer> {
  readonly readableEnded?: boolean;
}

interface BinaryResponse {
  type(contentType: string): unknown;
  setHeader(name: string, value: string): unknown;
  send(body: Buffer): unknown;
}

/**
 * Images of proofs of delivery (the drawn signature, a photo), uploaded by their SHA-256 before
 * the delivery that cites them: a PUT of the same content is harmless to repeat, so the phone's
 * outbox can resend it at will.
 */
@ApiTags('trips')
@ApiBearerAuth()
@Controller('delivery-proofs')
export class DeliveryProofsHttpController {
  constructor(private readonly proofs: DeliveryProofStore) {}

  @Put(':sha256')
  @HttpCode(HttpStatus.CREATED)
  @Roles('driver', 'dispatcher', 'admin')
  @ApiConsumes(...PROOF_IMAGE_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'facilityId', description: 'The stop where it was signed' })
  async upload(
    @Param('sha256') sha256: string,
    @Query('facilityId') facilityId: string | undefined,
    @Headers('content-type') contentType: string | undefined,
    @Req() request: RawRequest,
    @CurrentActor() actor: Actor,
  ): Promise<{ sha256: string; bytes: number }> {
    if (!isSha256(sha256))
      throw refused(422, 'sha256', 'must be a lowercase hex SHA-256 (64 characters)');
    if (!facilityId || !SLUG.test(facilityId))
      throw refused(400, 'facilityId', 'must be the id of the stop where it was signed');
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    if (!(PROOF_IMAGE_TYPES as readonly string[]).includes(type))
      throw refused(415, 'content-type', `must be one of ${PROOF_IMAGE_TYPES.join(', ')}`);
    const bytes = await readBody(request);
    if (bytes.length === 0) throw refused(400, 'body', 'must hold the image');
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256)
      throw refused(422, 'sha256', `does not match the body's SHA-256 (${actual})`);
    await this.proofs.save({
      sha256,
      contentType: type,
      bytes,
      facilityId,
      uploadedBy: actor.userId,
    });
    return { sha256, bytes: bytes.length };
  }

  /** The image: to national roles, the user who uploaded it and the hospital that signed. */
  @Get(':sha256')
  async image(
    @Param('sha256') sha256: string,
    @CurrentActor() actor: Actor,
    @Res() response: BinaryResponse,
  ): Promise<void> {
    const image = isSha256(sha256) ? await this.proofs.find(sha256) : undefined;
    const national = ['admin', 'analyst', 'dispatcher'].includes(actor.role);
    const mayRead =
      image &&
      (national ||
        image.uploadedBy === actor.userId ||
        (actor.role === 'hospital' && actor.facilityId === image.facilityId));
    if (!image || !mayRead) throw new DeliveryProofNotFound(sha256);
    response.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    response.type(image.contentType);
    response.send(image.bytes);
  }
}

function refused(status: number, field: string, rule: string): DeliveryProofRefused {
  return new DeliveryProofRefused(status, 'delivery-proof.invalid', field, rule);
}

async function readBody(request: RawRequest): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > PROOF_IMAGE_MAX_BYTES)
      throw new DeliveryProofRefused(
        413,
        'delivery-proof.too-large',
        'body',
        `must be at most ${PROOF_IMAGE_MAX_BYTES} bytes`,
      );
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
