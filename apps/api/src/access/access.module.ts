import { FacilityStaffHttpController } from './users/facility-staff.http.controller';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { seconds, ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NetworkDataModule } from '@oxyledger/network';
import { JwtAuthGuard, LOGIN_ATTEMPTS_PER_MINUTE, loginTracker, RolesGuard } from './access.guards';
import { LoginThrottleStorageModule, RedisThrottlerStorage } from './login-throttle.storage';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher';
import { AccessCheck } from './sessions/access-check';
import { SessionStore } from './sessions/session.store';
import { TokenService } from './token.service';
import { UserEntity } from './users/user.entity';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/**
 * Who may do what: login and tokens (`/auth`), users (`/admin/users`), and the global guards
 * that make every route need an access token (unless `@Public()`) and enforce `@Roles(...)`.
 * Needs `DatabaseModule.forRoot()` in the app. Exports `UsersService` (e.g. `ensureUser` for the
 * demo seed), `TokenService` and `PasswordHasher`.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity]),
    NetworkDataModule,
    LoginThrottleStorageModule,
    JwtModule.register({}), // keys and lifetimes are TokenService's, per token kind
    ThrottlerModule.forRootAsync({
      // Only routes with @UseGuards(LoginThrottlerGuard) are throttled; counted in Redis, shared
      // by every api process.
      imports: [LoginThrottleStorageModule],
      inject: [RedisThrottlerStorage],
      useFactory: (storage: RedisThrottlerStorage) => ({
        storage,
        throttlers: [
          {
            name: 'username',
            ttl: seconds(60),
            limit: LOGIN_ATTEMPTS_PER_MINUTE,
            getTracker: loginTracker,
          },
        ],
      }),
    }),
  ],
  controllers: [AuthController, UsersController, FacilityStaffHttpController],
  providers: [
    { provide: PasswordHasher, useFactory: () => new PasswordHasher() },
    TokenService,
    SessionStore,
    AccessCheck,
    UsersService,
    AuthService,
    // Global guards run in this order: who is it, then may they.
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [UsersService, TokenService, PasswordHasher, AccessCheck],
})
export class AccessModule {}
