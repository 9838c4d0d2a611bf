import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { IsNull, Not, Repository } from 'typeorm';
import {
  type Actor,
  type Environment,
  InjectEnvironment,
  randomToken,
  type Role,
  sha256Hex,
  UnauthorizedException,
} from '@app/core';
import { AccountStatus, UserAccount } from './entities/user-account.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { LoginRateLimiter } from './login-rate-limiter';
import { PasswordHasher } from './password-hasher';
import { SessionRevocations } from './session-revocations';

export interface TokenPair {
  tokenType: 'Bearer';
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
}

interface AccessClaims {
  sub: string;
  role: Role;
  ent: string | null;
  jur: string | null;
  /** The session (refresh-token family) the token belongs to. */
  sid: string;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserAccount) private readonly accounts: Repository<UserAccount>,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
    private readonly jwt: JwtService,
    private readonly passwords: PasswordHasher,
    private readonly limiter: LoginRateLimiter,
    private readonly revocations: SessionRevocations,
    @InjectEnvironment() private readonly env: Environment,
  ) {}

  async login(email: string, password: string, ip: string): Promise<TokenPair> {
    const normalized = email.trim().toLowerCase();
    await this.limiter.admit(ip, normalized);
    const account = await this.accounts.findOneBy({ email: normalized });
    const valid = await this.passwords.verify(account?.passwordHash ?? null, password);
    if (!account || !valid || account.status !== AccountStatus.Active) {
      throw new UnauthorizedException('invalid-credentials', 'E-mail or password is wrong, or the account is disabled');
    }
    await this.limiter.recordSuccess(normalized);
    await this.accounts.update(account.id, { lastLoginAt: new Date() });
    return this.issue(account, randomUUID());
  }

  /**
   * Rotates a refresh token. A token that was already used (or revoked) is evidence of theft:
   * the whole session is revoked and the caller must sign in again.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const stored = await this.refreshTokens.findOneBy({ tokenHash: sha256Hex(refreshToken) });
    if (!stored) throw new UnauthorizedException('invalid-refresh-token', 'Refresh token is not valid');
    // A reuse racing the rotation that issued this token revoked the family before the token
    // existed; the family's revoked tokens still say so.
    if (await this.refreshTokens.existsBy({ familyId: stored.familyId, revokedAt: Not(IsNull()) })) {
      await this.revokeSession(stored.familyId);
      throw new UnauthorizedException('invalid-refresh-token', 'The session of this refresh token has been revoked');
    }
    const claimed = await this.refreshTokens.update(
      { id: stored.id, usedAt: IsNull(), revokedAt: IsNull() },
      { usedAt: new Date() },
    );
    if (claimed.affected !== 1) {
      await this.revokeSession(stored.familyId);
      throw new UnauthorizedException(
        'refresh-token-reused',
        'Refresh token was already used; the session has been revoked',
      );
    }
    if (stored.expiresAt <= new Date())
      throw new UnauthorizedException('invalid-refresh-token', 'Refresh token has expired');
    const account = await this.accounts.findOneBy({
      id: stored.userId,
      status: AccountStatus.Active,
    });
    if (!account) throw new UnauthorizedException('invalid-refresh-token', 'The account is disabled');
    return this.issue(account, stored.familyId);
  }

  /** Ends the session the refresh token belongs to, if it is the caller's. */
  async logout(actor: Actor, refreshToken: string): Promise<void> {
    const stored = await this.refreshTokens.findOneBy({
      tokenHash: sha256Hex(refreshToken),
      userId: actor.userId,
    });
    if (stored) await this.revokeSession(stored.familyId);
  }

  /** Verifies an access token and returns who it speaks for. */
  async authenticate(accessToken: string): Promise<Actor> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(accessToken, { algorithms: ['HS256'] });
    } catch {
      throw new UnauthorizedException('invalid-token', 'Access token is missing, malformed, tampered with or expired');
    }
    if (await this.revocations.isRevoked(claims.sid)) {
      throw new UnauthorizedException('invalid-token', 'The session of this access token has ended');
    }
    return {
      userId: claims.sub,
      role: claims.role,
      enterpriseId: claims.ent,
      jurisdictionCode: claims.jur,
    };
  }

  private async revokeSession(familyId: string): Promise<void> {
    await this.refreshTokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
    await this.revocations.revoke(familyId);
  }

  private async issue(account: UserAccount, familyId: string): Promise<TokenPair> {
    const refreshToken = randomToken('rt');
    await this.refreshTokens.insert({
      familyId,
      userId: account.id,
      tokenHash: sha256Hex(refreshToken),
      expiresAt: new Date(Date.now() + this.env.REFRESH_TOKEN_TTL_SECONDS * 1000),
    });
    const claims: AccessClaims = {
      sub: account.id,
      role: account.role,
      ent: account.enterpriseId,
      jur: account.jurisdictionCode,
      sid: familyId,
    };
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.env.ACCESS_TOKEN_TTL_SECONDS,
    });
    return {
      tokenType: 'Bearer',
      accessToken,
      expiresIn: this.env.ACCESS_TOKEN_TTL_SECONDS,
      refreshToken,
    };
  }
}
