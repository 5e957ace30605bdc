/** One broken rule of a request, naming the field: what a 400 answer lists. */
export interface FieldViolation {
  /** Path of the offending field in the request, e.g. `cylinders[2].serial`. */
  field: string;
  /** The rule it breaks, e.g. `isUUID`, `whitelistValidation` (unknown field). */
  rule: string;
  message: string;
}
