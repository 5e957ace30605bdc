import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Public, Roles } from './access.decorators';
import { RolesGuard } from './access.guards';
import type { Actor } from './actor';
import { ForbiddenActionError } from './authorization';

class Routes {
  @Public() open(): void {}
  anyone(): void {}
  @Roles('admin') adminOnly(): void {}
  @Roles('analyst', 'admin') export(): void {}
}

function context(handler: keyof Routes, method: string, user?: Actor): ExecutionContext {
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => ({ method, headers: {}, user }) }),
  } as unknown as ExecutionContext;
}

describe('RolesGuard', () => {
  const guard = new RolesGuard(new Reflector());
  const analyst: Actor = { userId: 'u-a', role: 'analyst' };
  const producer: Actor = { userId: 'u-p', role: 'producer', facilityId: 'basra-psa' };
  const admin: Actor = { userId: 'u-x', role: 'admin' };

  it('lets anyone through a public route', () => {
    expect(guard.canActivate(context('open', 'POST'))).toBe(true);
  });

  it('enforces @Roles, naming the roles', () => {
    expect(guard.canActivate(context('adminOnly', 'POST', admin))).toBe(true);
    expect(() => guard.canActivate(context('adminOnly', 'GET', producer))).toThrow(
      new ForbiddenActionError(
        'access.role-required',
        'This action needs role admin; you are producer',
      ),
    );
  });

  it('lets any logged-in role through a route without @Roles', () => {
    expect(guard.canActivate(context('anyone', 'POST', producer))).toBe(true);
    expect(guard.canActivate(context('anyone', 'GET', analyst))).toBe(true);
  });

  it('keeps analysts to reading, unless a route names them', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(() => guard.canActivate(context('anyone', method, analyst))).toThrow(
        'Role analyst is read-only: it may look at everything but change nothing',
      );
    }
    expect(guard.canActivate(context('export', 'POST', analyst))).toBe(true);
  });
});
