import { decideDemoSeed } from './demo-seed-policy';

describe('decideDemoSeed', () => {
  it.each(['development', 'test'])('seeds by default when NODE_ENV=%s', (nodeEnv) => {
    expect(decideDemoSeed({ NODE_ENV: nodeEnv })).toEqual({ seed: true });
  });

  it.each([undefined, 'production', 'staging', 'Development'])(
    'never seeds by default when NODE_ENV=%j',
    (nodeEnv) => {
      expect(decideDemoSeed({ NODE_ENV: nodeEnv })).toMatchObject({ seed: false });
    },
  );

  it('seeds anywhere when DEMO_SEED=true is set on purpose, with a warning outside development', () => {
    expect(decideDemoSeed({ NODE_ENV: 'production', DEMO_SEED: 'true' })).toMatchObject({
      seed: true,
      warning: expect.stringContaining('published password'),
    });
    expect(decideDemoSeed({ NODE_ENV: 'test', DEMO_SEED: 'true' })).toEqual({ seed: true });
  });

  it('DEMO_SEED=false turns it off even in development', () => {
    expect(decideDemoSeed({ NODE_ENV: 'development', DEMO_SEED: 'false' })).toEqual({
      seed: false,
      reason: 'DEMO_SEED=false',
    });
  });
});
