import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Roles } from '../access.decorators';
import { CreateUserRequest, UpdateUserRequest, UserPage, UserQuery, UserView } from './users.dto';
import { UsersService } from './users.service';

/** User administration: admins only. */
@ApiTags('admin')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token.' })
@Roles('admin')
@Controller('admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiCreatedResponse({ type: UserView })
  @ApiBadRequestResponse({ description: 'A field breaks a rule; each is named with its rule.' })
  @ApiConflictResponse({ description: 'The username is taken (case-insensitive).' })
  create(@Body() body: CreateUserRequest): Promise<UserView> {
    return this.users.createUser(body);
  }

  @Get()
  @ApiOkResponse({ type: UserPage, description: 'Ordered by username.' })
  list(@Query() query: UserQuery): Promise<UserPage> {
    return this.users.listUsers(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ description: 'No user has this id.' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return this.users.getUser(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserView })
  @ApiBadRequestResponse({
    description: 'A field breaks a rule, e.g. a producer without facility.',
  })
  @ApiNotFoundResponse({ description: 'No user has this id.' })
  @ApiConflictResponse({ description: 'It would leave no active admin.' })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateUserRequest,
  ): Promise<UserView> {
    return this.users.updateUser(id, body);
  }
}
