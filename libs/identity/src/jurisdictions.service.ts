import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ValidationFailedException } from '@app/core';
import { Jurisdiction } from './entities/jurisdiction.entity';

@Injectable()
export class JurisdictionsService {
  constructor(@InjectRepository(Jurisdiction) private readonly jurisdictions: Repository<Jurisdiction>) {}

  list(): Promise<Jurisdiction[]> {
    return this.jurisdictions.find({ order: { code: 'ASC' } });
  }

  /** The jurisdiction named in a request, or a 400 naming the field. */
  async require(code: string | undefined, field = 'jurisdictionCode'): Promise<Jurisdiction> {
    const found = code ? await this.jurisdictions.findOneBy({ code }) : null;
    if (!found)
      throw new ValidationFailedException([{ field, reason: `unknown jurisdiction ${JSON.stringify(code ?? null)}` }]);
    return found;
  }
}
