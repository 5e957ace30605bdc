import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '../access.decorators';
import { UsersService } from './users.service';

export class StaffMemberView {
  @ApiProperty() displayName!: string;
}

/**
 * The names of a hospital's active store staff, for a driver to pick who received a delivery
 * (names only: no usernames, roles or contacts).
 */
@ApiTags('facilities')
@ApiBearerAuth()
@Controller('facilities')
export class FacilityStaffHttpController {
  constructor(private readonly users: UsersService) {}

  @Get(':facilityId/staff')
  @Roles('driver', 'hospital', 'dispatcher', 'admin')
  @ApiOkResponse({ type: [StaffMemberView] })
  async staff(@Param('facilityId') facilityId: string): Promise<StaffMemberView[]> {
    const page = await this.users.listUsers({
      facilityId,
      role: 'hospital',
      active: true,
      pageSize: 200,
    });
    return page.items.map((user) => ({ displayName: user.displayName ?? user.username }));
  }
}
