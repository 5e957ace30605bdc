/** Need against supply per governorate and for the nation: the platform's headline numbers. */
export class GetSupplyRollupQuery {
  constructor(readonly now: Date) {}
}
