export * from './facility.entity';
export * from './governorates';
export * from './network.errors';
export * from './network.rules';
export * from './network.service';
export * from './network.types';
export * from './vehicle.entity';
export * from './network-data.module';
