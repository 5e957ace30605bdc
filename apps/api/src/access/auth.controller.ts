import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Ip,
  Post,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentActor, ForEveryRole, Public } from './access.decorators';
import {
  FAILED_LOGINS_PER_ADDRESS_PER_MINUTE,
  LoginThrottlerGuard,
  tooManyLoginAttempts,
} from './access.guards';
import { AuthenticationError } from './access.errors';
import { RedisThrottlerStorage } from './login-throttle.storage';
import type { Actor } from './actor';
import { LoginRequest, LoginResponse, RefreshRequest } from './auth.dto';
import { AuthService } from './auth.service';
import { NoIdempotency } from '../shared/idempotency/no-idempotency.decorator';
import { UserView } from './users/users.dto';
import { UsersService } from './users/users.service';

@ApiTags('auth')
@Controller('auth')
@NoIdempotency() // answers hold tokens: never stored
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly throttle: RedisThrottlerStorage,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @UseGuards(LoginThrottlerGuard)
  @ApiOperation({ summary: 'Log in: an access token (short-lived) and a refresh token.' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password, or account disabled.' })
  @ApiTooManyRequestsResponse({
    description:
      'More than 10 attempts a minute for this username, or 30 failed ones from this address.',
  })
  async login(@Body() body: LoginRequest, @Ip() address: string): Promise<LoginResponse> {
    const failed = await this.throttle.failedLogins(address);
    if (failed.count >= FAILED_LOGINS_PER_ADDRESS_PER_MINUTE) {
      throw tooManyLoginAttempts('from this address', failed.resetsInSeconds);
    }
    try {
      return await this.auth.login(body.username, body.password);
    } catch (error) {
      if (error instanceof AuthenticationError) await this.throttle.recordFailedLogin(address);
      throw error;
    }
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Exchange a refresh token for a new token pair.' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'Refresh token invalid, expired or revoked.' })
  refresh(@Body() body: RefreshRequest): Promise<LoginResponse> {
    return this.auth.refresh(body.refreshToken);
  }

  @Public()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Log out: the session of this refresh token ends, its access tokens stop working.',
  })
  @ApiNoContentResponse({ description: 'Logged out (or the session had ended already).' })
  @ApiUnauthorizedResponse({ description: 'Not a valid refresh token.' })
  logout(@Body() body: RefreshRequest): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }

  @Get('me')
  @ForEveryRole()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The logged-in user.' })
  @ApiOkResponse({ type: UserView })
  @ApiUnauthorizedResponse({ description: 'No valid access token.' })
  me(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.getUser(actor.userId);
  }
}
