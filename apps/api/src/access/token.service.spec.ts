import { createHmac } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { loadConfig } from '@oxyledger/config';
import { AuthenticationError } from './access.errors';
import { type TokenSubject, TokenService } from './token.service';

const config = loadConfig({ JWT_SECRET: 's'.repeat(40) });
const tokens = new TokenService(new JwtService(), config);

const producer: TokenSubject = {
  id: '8d7f1c2e-0000-4000-8000-000000000001',
  role: 'producer',
  facilityId: 'basra-psa',
  supplierId: null,
  tokenVersion: 3,
};

async function rejection(promise: Promise<unknown>): Promise<AuthenticationError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AuthenticationError);
    return error as AuthenticationError;
  }
  throw new Error('expected an AuthenticationError');
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

const SESSION = { familyId: 'family-1', tokenId: 'token-1' };

describe('TokenService', () => {
  it('issues a 15-minute access token carrying the actor, and a 7-day refresh token', async () => {
    const pair = await tokens.issuePair(producer, SESSION);

    expect(pair).toMatchObject({ expiresIn: 900, refreshExpiresIn: 604800 });
    const access = claimsOf(pair.accessToken);
    expect(access).toMatchObject({
      sub: producer.id,
      typ: 'access',
      role: 'producer',
      facilityId: 'basra-psa',
      iss: 'oxyledger',
      aud: 'oxyledger-api',
    });
    expect(access).not.toHaveProperty('supplierId');
    expect(Number(access.exp) - Number(access.iat)).toBe(900);
    const refresh = claimsOf(pair.refreshToken);
    expect(refresh).toMatchObject({ sub: producer.id, typ: 'refresh', ver: 3 });
    expect(refresh).not.toHaveProperty('role');
    expect(Number(refresh.exp) - Number(refresh.iat)).toBe(604800);
  });

  it('reads the actor back from an access token', async () => {
    const { accessToken } = await tokens.issuePair(producer, SESSION);

    await expect(tokens.verifyAccessToken(accessToken)).resolves.toEqual({
      userId: producer.id,
      role: 'producer',
      facilityId: 'basra-psa',
    });
    const dispatcher = await tokens.issuePair(
      { ...producer, role: 'dispatcher', facilityId: null, supplierId: 'sup-a' },
      SESSION,
    );
    await expect(tokens.verifyAccessToken(dispatcher.accessToken)).resolves.toEqual({
      userId: producer.id,
      role: 'dispatcher',
      supplierId: 'sup-a',
    });
  });

  it('reads the user and token version back from a refresh token', async () => {
    const { refreshToken } = await tokens.issuePair(producer, SESSION);

    await expect(tokens.verifyRefreshToken(refreshToken)).resolves.toEqual({
      userId: producer.id,
      tokenVersion: 3,
      tokenId: SESSION.tokenId,
    });
  });

  it('refuses a correctly signed token without exp (it would be valid forever)', async () => {
    const { accessToken } = await tokens.issuePair(producer, SESSION);
    const claims = claimsOf(accessToken);
    delete claims.exp;
    const key = createHmac('sha256', 's'.repeat(40)).update('oxyledger:access-token').digest();
    const forever = await new JwtService().signAsync(claims, { secret: key, algorithm: 'HS256' });
    expect((await rejection(tokens.verifyAccessToken(forever))).code).toBe('auth.invalid-token');
  });

  it('refuses an expired access token, saying to refresh it', async () => {
    const issuedAt = Date.now() - 901_000;
    const { accessToken, refreshToken } = await tokens.issuePair(producer, SESSION, issuedAt);

    const error = await rejection(tokens.verifyAccessToken(accessToken));
    expect(error.code).toBe('auth.token-expired');
    expect(error.getStatus()).toBe(401);
    expect(error.message).toBe('Access token expired; get a new one at POST /auth/refresh');
    // The refresh token issued with it is still good.
    await expect(tokens.verifyRefreshToken(refreshToken)).resolves.toMatchObject({
      tokenVersion: 3,
    });
  });

  it('refuses an expired refresh token', async () => {
    const { refreshToken } = await tokens.issuePair(producer, SESSION, Date.now() - 604_801_000);

    expect((await rejection(tokens.verifyRefreshToken(refreshToken))).code).toBe(
      'auth.refresh-token-expired',
    );
  });

  it('never takes one kind of token for the other (each has its own key)', async () => {
    const { accessToken, refreshToken } = await tokens.issuePair(producer, SESSION);

    expect((await rejection(tokens.verifyAccessToken(refreshToken))).code).toBe(
      'auth.invalid-token',
    );
    expect((await rejection(tokens.verifyRefreshToken(accessToken))).code).toBe(
      'auth.invalid-refresh-token',
    );
  });

  it('refuses tokens signed with another secret, tampered with, unsigned or garbled', async () => {
    const other = new TokenService(new JwtService(), loadConfig({ JWT_SECRET: 'o'.repeat(40) }));
    const foreign = (await other.issuePair(producer, SESSION)).accessToken;
    const { accessToken } = await tokens.issuePair(producer, SESSION);
    const [header, , signature] = accessToken.split('.');
    const escalated = Buffer.from(
      JSON.stringify({ ...claimsOf(accessToken), role: 'admin' }),
    ).toString('base64url');
    const unsigned = [
      Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'),
      escalated,
      '',
    ].join('.');

    for (const token of [foreign, `${header}.${escalated}.${signature}`, unsigned, 'garbage', '']) {
      const error = await rejection(tokens.verifyAccessToken(token));
      expect(error.code).toBe('auth.invalid-token');
      expect(error.message).toBe('Invalid access token; log in at POST /auth/login');
    }
  });

  it('honours the configured lifetimes', async () => {
    const short = new TokenService(
      new JwtService(),
      loadConfig({
        NODE_ENV: 'test',
        ACCESS_TOKEN_TTL_SECONDS: '60',
        REFRESH_TOKEN_TTL_SECONDS: '3600',
      }),
    );
    const pair = await short.issuePair(producer, SESSION);
    expect(pair).toMatchObject({ expiresIn: 60, refreshExpiresIn: 3600 });
    const access = claimsOf(pair.accessToken);
    expect(Number(access.exp) - Number(access.iat)).toBe(60);
  });
});
