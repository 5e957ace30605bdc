/** What other features use: decorators, the actor, scope helpers, users for the demo seed. */
export { CurrentActor, ForEveryRole, Public, Roles } from './access.decorators';
export { AuthenticationError } from './access.errors';
export { AccessModule } from './access.module';
export {
  type Actor,
  type AuthenticatedRequest,
  FACILITY_ROLES,
  isRole,
  type Role,
  ROLES,
  SUPPLIER_ROLES,
} from './actor';
export * from './authorization';
export { TokenService } from './token.service';
export { type NewUser, type UserChanges, UsersService } from './users/users.service';
