import { ENTERPRISE_ROLES, IsPastCalendarDate, lowerTrim, REGULATOR_ROLES, Role, trim, upperTrim } from '@app/core';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsResidentIdentityNumber } from '../validation/resident-identity-number';
import { IsUnifiedSocialCreditCode } from '../validation/unified-social-credit-code';

export class LoginDto {
  @Transform(lowerTrim)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsString()
  @MaxLength(128)
  password!: string;
}

export class RefreshDto {
  /** The refresh token from the last sign-in or refresh; each can be used once. */
  @IsString()
  @MaxLength(200)
  refreshToken!: string;
}

export class ContactDto {
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name!: string;

  /** Mainland mobile (11 digits) or a landline with area code. */
  @Matches(/^(\+?86[- ]?)?(1\d{10}|0\d{2,3}-?\d{7,8})$/, {
    message: 'phone must be a mainland mobile or landline number',
  })
  phone!: string;

  @Transform(lowerTrim)
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class NewAccountDto {
  @Transform(lowerTrim)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @Transform(trim)
  @IsString()
  @Length(1, 100)
  displayName!: string;

  /** At least 12 characters. */
  @IsString()
  @MinLength(12)
  @MaxLength(128)
  password!: string;
}

export class RegisterEnterpriseDto {
  @Transform(trim)
  @IsString()
  @Length(2, 200)
  name!: string;

  /** Unified social credit code (统一社会信用代码, GB 32100), 18 characters with its check character. */
  @Transform(upperTrim)
  @IsUnifiedSocialCreditCode()
  creditCode!: string;

  /** Jurisdiction the enterprise registers with, e.g. CN-SZ-PINGSHAN. */
  @IsString()
  @IsNotEmpty()
  jurisdictionCode!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  contact!: ContactDto;

  /** The enterprise's first administrator account. */
  @IsObject()
  @ValidateNested()
  @Type(() => NewAccountDto)
  admin!: NewAccountDto;
}

export class EnterpriseDecisionDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class RejectEnterpriseDto {
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

const STAFF_INVITABLE_ROLES = [Role.PlatformAdmin, ...REGULATOR_ROLES] as const;

/** Who is invited: their e-mail and the name shown for them. */
class InviteeDto {
  @Transform(lowerTrim)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @Transform(trim)
  @IsString()
  @Length(1, 100)
  displayName!: string;
}

export class InviteEnterpriseUserDto extends InviteeDto {
  @IsIn(ENTERPRISE_ROLES)
  role!: (typeof ENTERPRISE_ROLES)[number];
}

export class InviteStaffDto extends InviteeDto {
  @IsIn(STAFF_INVITABLE_ROLES)
  role!: (typeof STAFF_INVITABLE_ROLES)[number];

  /** Required for REGULATOR and AUDITOR. */
  @IsOptional()
  @IsString()
  jurisdictionCode?: string;
}

export class AcceptInvitationDto {
  @IsString()
  @MaxLength(200)
  token!: string;

  @IsString()
  @MinLength(12)
  @MaxLength(128)
  password!: string;
}

export const LICENCE_CLASSES = ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6'] as const;

export class CreateSafetyOperatorDto {
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name!: string;

  /** 18-digit resident identity number (GB 11643); stored only masked and as a keyed hash. */
  @Transform(upperTrim)
  @IsResidentIdentityNumber()
  identityNumber!: string;

  @IsIn(LICENCE_CLASSES)
  licenceClass!: (typeof LICENCE_CLASSES)[number];

  /** Date of the first driving licence (YYYY-MM-DD); driving years are counted from it. */
  @IsPastCalendarDate()
  firstLicensedOn!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 })
  @Min(0)
  @Max(100000)
  adTrainingHours!: number;

  @IsBoolean()
  noFullScoreInLastThreeCycles!: boolean;

  @IsBoolean()
  noDrinkOrDrugDriving!: boolean;

  @IsBoolean()
  noSeriousAtFaultAccident!: boolean;

  @IsBoolean()
  noSeriousViolationLastYear!: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  trainingCertificateRef?: string;

  @IsOptional()
  @IsBoolean()
  remoteQualified?: boolean;
}

/** Facts that can change; the identity number and name cannot (declare a new operator instead). */
export class UpdateSafetyOperatorDto {
  @IsOptional()
  @IsIn(LICENCE_CLASSES)
  licenceClass?: (typeof LICENCE_CLASSES)[number];

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 })
  @Min(0)
  @Max(100000)
  adTrainingHours?: number;

  @IsOptional()
  @IsBoolean()
  noFullScoreInLastThreeCycles?: boolean;

  @IsOptional()
  @IsBoolean()
  noDrinkOrDrugDriving?: boolean;

  @IsOptional()
  @IsBoolean()
  noSeriousAtFaultAccident?: boolean;

  @IsOptional()
  @IsBoolean()
  noSeriousViolationLastYear?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  trainingCertificateRef?: string;

  @IsOptional()
  @IsBoolean()
  remoteQualified?: boolean;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
