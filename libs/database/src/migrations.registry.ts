import type { MigrationInterface } from 'typeorm';
import { CreateUsers1795731727450 } from './migrations/1795731727450-create-users';
import { NetworkMasterData1795731777622 } from './migrations/1795731777622-network-master-data';
import { CreateIdempotencyKeys1795740000000 } from './migrations/1795740000000-create-idempotency-keys';
import { CreateCylinderStates1795750000000 } from '../../read-models/src/migrations/1795750000000-create-cylinder-states';
import { StockReadModels1795760000000 } from '../../read-models/src/migrations/1795760000000-stock-read-models';
import { DailyConsumption1795770000000 } from '../../read-models/src/migrations/1795770000000-daily-consumption';
import { SupplyLevels1795780000000 } from '../../read-models/src/migrations/1795780000000-supply-levels';
import { RoutePlans1795790000000 } from '../../read-models/src/migrations/1795790000000-route-plans';
import { LotFills1795812000000 } from '../../read-models/src/migrations/1795812000000-lot-fills';
import { DeliveryProofs1795830000000 } from './migrations/1795830000000-delivery-proofs';
import { DeliveryReceipts1795831000000 } from '../../read-models/src/migrations/1795831000000-delivery-receipts';
import { Notifications1795844016160 } from '../../notifications/src/migrations/1795844016160-notifications';
import { OneActiveWebhookPerUrl1795940000000 } from '../../notifications/src/migrations/1795940000000-one-active-webhook-per-url';
import { StoredHospitalSupply1795950000000 } from '../../read-models/src/migrations/1795950000000-stored-hospital-supply';
import { DashboardReadIndexes1795950000100 } from '../../read-models/src/migrations/1795950000100-dashboard-read-indexes';
import { CreateAppSchema1000000000000 } from './migrations/1000000000000-create-app-schema';
import { DriverHomePlant1795800000000 } from './migrations/1795800000000-driver-home-plant';
import { PartnerDirectory1795843000001 } from './migrations/1795843000001-partner-directory';
import { HelpRequests1795843000002 } from '../../read-models/src/migrations/1795843000002-help-requests';
import { RefreshTokenSessions1795847000018 } from './migrations/1795847000018-refresh-token-sessions';
import { NationalScaleReadModels1795846000100 } from '../../read-models/src/migrations/1795846000100-national-scale-read-models';
import { FlaggedTrips1795900000000 } from '../../read-models/src/migrations/1795900000000-flagged-trips';
import { LastMovementIndexes1795900000100 } from '../../read-models/src/migrations/1795900000100-last-movement-indexes';
import { TripsPlannedOrder1795900000200 } from '../../read-models/src/migrations/1795900000200-trips-planned-order';

/**
 * Every migration of the `app` schema, run at start-up in timestamp order (the class name ends
 * in a 13-digit millisecond timestamp; TypeORM sorts by it, not by position here). A feature that
 * needs a table writes its migration class in a library (never in an app: libraries never import
 * apps) and appends it below. Never edit a
 * migration that has shipped: add a new one.
 */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  CreateAppSchema1000000000000,
  CreateUsers1795731727450,
  NetworkMasterData1795731777622,
  CreateIdempotencyKeys1795740000000,
  CreateCylinderStates1795750000000,
  StockReadModels1795760000000,
  DailyConsumption1795770000000,
  SupplyLevels1795780000000,
  RoutePlans1795790000000,
  DriverHomePlant1795800000000,
  LotFills1795812000000,
  DeliveryProofs1795830000000,
  DeliveryReceipts1795831000000,
  PartnerDirectory1795843000001,
  HelpRequests1795843000002,
  Notifications1795844016160,
  NationalScaleReadModels1795846000100,
  RefreshTokenSessions1795847000018,
  FlaggedTrips1795900000000,
  LastMovementIndexes1795900000100,
  TripsPlannedOrder1795900000200,
  OneActiveWebhookPerUrl1795940000000,
  StoredHospitalSupply1795950000000,
  DashboardReadIndexes1795950000100,
];
