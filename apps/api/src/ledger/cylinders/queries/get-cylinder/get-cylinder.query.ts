export class GetCylinderQuery {
  constructor(readonly serial: string) {}
}
