/** Where one supplier's cylinders are, and how long they have been there. */
export class GetSupplierFloatQuery {
  constructor(readonly ownerId: string) {}
}
