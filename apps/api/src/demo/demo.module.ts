import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessModule } from '../access/access.module';
import { NetworkModule } from '../network/network.module';
import { PartnersModule } from '../partners/partners.module';
import { DemoPartnersSeed } from './demo-partners.seed';
import { DemoSeedService } from './demo-seed.service';

@Module({
  imports: [CqrsModule, AccessModule, NetworkModule, PartnersModule],
  providers: [DemoSeedService, DemoPartnersSeed],
  exports: [DemoSeedService],
})
export class DemoModule {}
