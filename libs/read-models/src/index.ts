export * from './projection';
export * from './projection-runner';
export * from './cylinder-states/cylinder-states.projection';
export * from './projector.module';
export * from './projector.service';
