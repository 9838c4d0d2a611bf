import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { type Environment, environmentConfig } from '@app/core';
import { AccountsService } from './accounts.service';
import { AuthService } from './auth.service';
import { EnterprisesService } from './enterprises.service';
import { Enterprise } from './entities/enterprise.entity';
import { Invitation } from './entities/invitation.entity';
import { Jurisdiction } from './entities/jurisdiction.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { SafetyOperator } from './entities/safety-operator.entity';
import { UserAccount } from './entities/user-account.entity';
import { JurisdictionsService } from './jurisdictions.service';
import { LoginRateLimiter } from './login-rate-limiter';
import { PasswordHasher } from './password-hasher';
import { SafetyOperatorsService } from './safety-operators.service';
import { SessionRevocations } from './session-revocations';

const services = [AccountsService, AuthService, EnterprisesService, JurisdictionsService, SafetyOperatorsService];

@Module({
  imports: [
    TypeOrmModule.forFeature([Jurisdiction, Enterprise, UserAccount, RefreshToken, Invitation, SafetyOperator]),
    JwtModule.registerAsync({
      inject: [environmentConfig.KEY],
      useFactory: (env: Environment) => ({
        secret: env.JWT_ACCESS_SECRET,
        signOptions: { algorithm: 'HS256' },
      }),
    }),
    AuditModule,
  ],
  providers: [...services, PasswordHasher, LoginRateLimiter, SessionRevocations],
  exports: [...services, PasswordHasher],
})
export class IdentityModule {}
