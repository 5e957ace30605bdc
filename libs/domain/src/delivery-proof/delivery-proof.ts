import { InvalidCommand } from '../shared/domain-error';

/**
 * Proof that a stop was received: the SHA-256 of the drawn signature and, optionally, of a
 * photo. The images are kept beside the ledger (they are large and personal); the ledger holds
 * their hashes, so a stored image can always be checked against the event that cites it.
 */
export interface DeliveryProof {
  signatureSha256: string;
  photoSha256?: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && SHA256.test(value);
}

/** `{ proof }` when one is given (checked), `{}` otherwise: events without proof stay as they were. */
export function deliveryProof(
  value: unknown,
  context: { serial?: string; tripId?: string },
): { proof?: DeliveryProof } {
  if (value === undefined || value === null) return {};
  const proof = value as Partial<DeliveryProof>;
  if (!isSha256(proof.signatureSha256)) {
    throw new InvalidCommand(
      'proof.signatureSha256',
      'must be a lowercase hex SHA-256 (64 characters)',
      context,
    );
  }
  if (proof.photoSha256 !== undefined && !isSha256(proof.photoSha256)) {
    throw new InvalidCommand(
      'proof.photoSha256',
      'must be a lowercase hex SHA-256 (64 characters)',
      context,
    );
  }
  return {
    proof: {
      signatureSha256: proof.signatureSha256,
      ...(proof.photoSha256 ? { photoSha256: proof.photoSha256 } : {}),
    },
  };
}
