import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface StoredProofImage {
  sha256: string;
  contentType: string;
  bytes: Buffer;
  facilityId: string;
  uploadedBy: string;
}

/** The images of proofs of delivery, in PostgreSQL by their SHA-256. */
@Injectable()
export class DeliveryProofStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores an image once; storing the same content again changes nothing. */
  async save(image: StoredProofImage): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO app.delivery_proofs (sha256, content_type, bytes, facility_id, uploaded_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING`,
      [image.sha256, image.contentType, image.bytes, image.facilityId, image.uploadedBy],
    );
  }

  async find(sha256: string): Promise<StoredProofImage | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT sha256, content_type, bytes, facility_id, uploaded_by
       FROM app.delivery_proofs WHERE sha256 = $1`,
      [sha256],
    )) as {
      sha256: string;
      content_type: string;
      bytes: Buffer;
      facility_id: string;
      uploaded_by: string;
    }[];
    return row
      ? {
          sha256: row.sha256,
          contentType: row.content_type,
          bytes: row.bytes,
          facilityId: row.facility_id,
          uploadedBy: row.uploaded_by,
        }
      : undefined;
  }

  /** The hashes among these that are not stored. */
  async missing(hashes: string[]): Promise<string[]> {
    if (hashes.length === 0) return [];
    const rows = (await this.dataSource.query(
      'SELECT sha256 FROM app.delivery_proofs WHERE sha256 = ANY($1)',
      [hashes],
    )) as { sha256: string }[];
    const stored = new Set(rows.map((row) => row.sha256));
    return hashes.filter((hash) => !stored.has(hash));
  }
}
