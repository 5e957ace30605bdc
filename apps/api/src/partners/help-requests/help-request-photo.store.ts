import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Photos of help requests, in PostgreSQL by their SHA-256 (the opening event cites the hash). */
@Injectable()
export class HelpRequestPhotoStore {
  constructor(private readonly dataSource: DataSource) {}

  async save(photo: { sha256: string; contentType: string; bytes: Buffer; uploadedBy: string }) {
    await this.dataSource.query(
      `INSERT INTO app.help_request_photos (sha256, content_type, bytes, uploaded_by)
       VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING`,
      [photo.sha256, photo.contentType, photo.bytes, photo.uploadedBy],
    );
  }

  async find(sha256: string): Promise<{ contentType: string; bytes: Buffer } | undefined> {
    const [row] = (await this.dataSource.query(
      'SELECT content_type, bytes FROM app.help_request_photos WHERE sha256 = $1',
      [sha256],
    )) as { content_type: string; bytes: Buffer }[];
    return row ? { contentType: row.content_type, bytes: row.bytes } : undefined;
  }

  async missing(hashes: string[]): Promise<string[]> {
    if (hashes.length === 0) return [];
    const rows = (await this.dataSource.query(
      'SELECT sha256 FROM app.help_request_photos WHERE sha256 = ANY($1)',
      [hashes],
    )) as { sha256: string }[];
    const stored = new Set(rows.map((row) => row.sha256));
    return hashes.filter((hash) => !stored.has(hash));
  }
}
