export * from './projection';
export * from './projection-runner';
export * from './cylinder-states/cylinder-states.projection';
