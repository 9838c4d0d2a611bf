import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Environment, InjectEnvironment } from '@app/core';

/** Where document bytes live. Local disk here; an object store implements the same two calls. */
export abstract class DocumentStore {
  /** Stores bytes and returns their key and SHA-256. */
  abstract put(bytes: Buffer): Promise<{ key: string; sha256: string }>;
  abstract get(key: string): Promise<Buffer>;
}

/** Content-addressed files under DOCUMENT_STORAGE_DIR: the same bytes are stored once. */
@Injectable()
export class LocalDiskDocumentStore extends DocumentStore {
  constructor(@InjectEnvironment() private readonly env: Environment) {
    super();
  }

  async put(bytes: Buffer): Promise<{ key: string; sha256: string }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = `${sha256.slice(0, 2)}/${sha256}`;
    const path = join(this.env.DOCUMENT_STORAGE_DIR, key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes, { flag: 'w' });
    return { key, sha256 };
  }

  get(key: string): Promise<Buffer> {
    return readFile(join(this.env.DOCUMENT_STORAGE_DIR, key));
  }
}
