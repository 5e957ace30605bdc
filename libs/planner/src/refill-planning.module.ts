import { Module } from '@nestjs/common';
import { LedgerStoreModule } from '@oxyledger/ledger';
import { NetworkDataModule } from '@oxyledger/network';
import { SupplyLevelsModule } from '@oxyledger/supply';
import { RoutePlanProposer } from './propose-route-plan/route-plan-proposer';
import {
  CLOCK,
  systemClock,
  DISTANCE_PROVIDER,
  GreatCircleDistanceProvider,
  OsrmDistanceProvider,
  type PlanningConfig,
  planningConfig,
} from '@oxyledger/planning';
import { PlanningInputReader } from './input/planning-input.reader';
import { PLANNING_CONFIG } from './planning.tokens';

/** The planning computation: supply picture in, checked route plan out (no queue here). */
@Module({
  imports: [LedgerStoreModule, NetworkDataModule, SupplyLevelsModule],
  providers: [
    { provide: PLANNING_CONFIG, useFactory: () => planningConfig() },
    {
      provide: DISTANCE_PROVIDER,
      inject: [PLANNING_CONFIG],
      useFactory: (config: PlanningConfig) =>
        config.osrmUrl
          ? new OsrmDistanceProvider(config.osrmUrl)
          : new GreatCircleDistanceProvider({
              circuity: config.roadCircuity,
              averageSpeedKmPerHour: config.averageSpeedKmPerHour,
            }),
    },
    { provide: CLOCK, useValue: systemClock },
    PlanningInputReader,
    RoutePlanProposer,
  ],
  exports: [CLOCK, PLANNING_CONFIG, DISTANCE_PROVIDER, PlanningInputReader, RoutePlanProposer],
})
export class RefillPlanningModule {}
