import { isDevelopmentEnvironment } from './app-config';

export type DemoSeedDecision = { seed: false; reason: string } | { seed: true; warning?: string };

/**
 * The demo network comes with published passwords, so it seeds only where that is harmless:
 * NODE_ENV explicitly `development` or `test`, or `DEMO_SEED=true` asked for on purpose (with a
 * warning). `DEMO_SEED=false` turns it off everywhere.
 */
export function decideDemoSeed(env: NodeJS.ProcessEnv = process.env): DemoSeedDecision {
  const raw = env.DEMO_SEED?.trim().toLowerCase();
  // the same spellings as every other switch (RUN_PROJECTOR, RUN_PLANNER)
  const asked = raw === '1' || raw === 'yes' ? 'true' : raw === '0' || raw === 'no' ? 'false' : raw;
  if (asked === 'false') return { seed: false, reason: 'DEMO_SEED=false' };
  if (asked === 'true') {
    return isDevelopmentEnvironment(env)
      ? { seed: true }
      : {
          seed: true,
          warning:
            `DEMO_SEED=true with NODE_ENV=${JSON.stringify(env.NODE_ENV ?? '')}: the demo ` +
            'accounts and their published password are created on an empty platform',
        };
  }
  if (isDevelopmentEnvironment(env)) return { seed: true };
  return {
    seed: false,
    reason:
      'NODE_ENV is not development or test (set DEMO_SEED=true to seed the demo network anyway)',
  };
}
