import { HttpException, HttpStatus } from '@nestjs/common';

export class HelpRequestPhotosMissing extends HttpException {
  constructor(missing: string[]) {
    super(
      {
        statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
        error: 'help-request.photo-missing',
        message: `photos must be uploaded first (PUT /help-requests/photos/{sha256}); missing: ${missing.join(', ')}`,
        field: 'photos',
        missing,
      },
      HttpStatus.UNPROCESSABLE_ENTITY,
    );
  }
}

export class HelpRequestPhotoRefused extends HttpException {
  constructor(status: number, field: string, rule: string) {
    super(
      {
        statusCode: status,
        error: 'help-request.photo-refused',
        message: `${field} ${rule}`,
        field,
        rule,
      },
      status,
    );
  }
}
