import { HttpStatus } from '@nestjs/common';

/** A proof image or a delivery's proof refused, naming the field and the rule. */
export class DeliveryProofRefused extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: string,
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field} ${rule}`);
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      violations: [{ field: this.field, rule: this.rule, message: this.rule }],
    };
  }
}

export class DeliveryProofNotFound extends Error {
  readonly httpStatus = HttpStatus.NOT_FOUND;
  readonly code = 'delivery-proof.not-found';
  constructor(sha256: string) {
    super(`No proof image ${sha256} that you may see`);
  }
}
