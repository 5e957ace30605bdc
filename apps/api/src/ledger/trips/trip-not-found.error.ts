import { HttpStatus } from '@nestjs/common';

export class TripNotFoundError extends Error {
  readonly httpStatus = HttpStatus.NOT_FOUND;
  readonly code = 'trip.not-found';
  constructor(tripId: string) {
    super(`Trip ${tripId} does not exist`);
  }
}
