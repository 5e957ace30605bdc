import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessModule } from '../access/access.module';
import { NetworkModule } from '../network/network.module';
import { DemoSeedService } from './demo-seed.service';

@Module({
  imports: [CqrsModule, AccessModule, NetworkModule],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class DemoModule {}
