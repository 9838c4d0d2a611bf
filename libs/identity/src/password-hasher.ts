import { hash, verify } from '@node-rs/argon2';
import { Injectable, type OnModuleInit } from '@nestjs/common';

/** argon2id with the library's defaults (OWASP-level memory and time cost). */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  /** Verified against when the account does not exist, so timing does not reveal which e-mails exist. */
  private dummyHash = '';

  async onModuleInit(): Promise<void> {
    this.dummyHash = await hash('not-a-real-password-just-for-timing');
  }

  hash(password: string): Promise<string> {
    return hash(password);
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    const matches = await verify(passwordHash ?? this.dummyHash, password).catch(() => false);
    return passwordHash !== null && matches;
  }
}
