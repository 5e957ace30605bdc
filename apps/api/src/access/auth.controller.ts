import { Body, Controller, Get, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentActor, ForEveryRole, Public } from './access.decorators';
import { LoginThrottlerGuard } from './access.guards';
import type { Actor } from './actor';
import { LoginRequest, LoginResponse, RefreshRequest } from './auth.dto';
import { AuthService } from './auth.service';
import { UserView } from './users/users.dto';
import { UsersService } from './users/users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @UseGuards(LoginThrottlerGuard)
  @ApiOperation({ summary: 'Log in: an access token (short-lived) and a refresh token.' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password, or account disabled.' })
  @ApiTooManyRequestsResponse({ description: 'More than 10 attempts a minute for this username.' })
  login(@Body() body: LoginRequest): Promise<LoginResponse> {
    return this.auth.login(body.username, body.password);
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Exchange a refresh token for a new token pair.' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'Refresh token invalid, expired or revoked.' })
  refresh(@Body() body: RefreshRequest): Promise<LoginResponse> {
    return this.auth.refresh(body.refreshToken);
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
