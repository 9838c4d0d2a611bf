import { Module } from '@nestjs/common';
import { CoreModule } from '@app/core';

/** The same domain modules as the API, minus its controllers, plus the BullMQ processors. */
@Module({
  imports: [CoreModule],
})
export class WorkerModule {}
