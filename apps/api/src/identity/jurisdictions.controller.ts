import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { JurisdictionsService } from '@app/identity';
import { PublicAccess } from '../http/access.decorator';

@ApiTags('jurisdictions')
@Controller('jurisdictions')
export class JurisdictionsController {
  constructor(private readonly jurisdictions: JurisdictionsService) {}

  @Get()
  @PublicAccess({ summary: 'Jurisdictions served by this deployment' })
  async list() {
    return (await this.jurisdictions.list()).map(({ code, nameZh, nameEn, timezone }) => ({
      code,
      nameZh,
      nameEn,
      timezone,
    }));
  }
}
