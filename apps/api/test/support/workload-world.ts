type Status = 'FULL' | 'EMPTY' | 'IN_USE' | 'IN_TRANSIT' | 'QUARANTINED' | 'CONDEMNED' | 'LOST';

interface WorldCylinder {
  serial: string;
  sizeCode: 'J' | 'E';
  ownerId: string;
  status: Status;
  facilityId: string | null;
  tripId: string | null;
  load: 'full' | 'empty' | null;
}

/** What the workload did, kept by the test itself: where each cylinder is, what was filled. */
export class WorkloadWorld {
  readonly cylinders: WorldCylinder[] = [];
  readonly fills: string[] = [];
  readonly trips: string[] = [];
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }

  random(): number {
    // xorshift32: reproducible with WORKLOAD_SEED
    this.state ^= this.state << 13;
    this.state ^= this.state >>> 17;
    this.state ^= this.state << 5;
    return (this.state >>> 0) / 4294967296;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) {
      chosen.push(pool.splice(Math.floor(this.random() * pool.length), 1)[0]);
    }
    return chosen;
  }

  newCylinders(facilityId: string, ownerId: string, count: number): WorldCylinder[] {
    const start = this.cylinders.length;
    const created = Array.from({ length: count }, (_, i) => ({
      serial: `WL-${String(start + i).padStart(5, '0')}`,
      sizeCode: this.chance(0.6) ? ('J' as const) : ('E' as const),
      ownerId,
      status: 'EMPTY' as Status,
      facilityId,
      tripId: null,
      load: null,
    }));
    this.cylinders.push(...created);
    return created;
  }

  find(serial: string): WorldCylinder {
    return this.cylinders.find((c) => c.serial === serial)!;
  }
  set(serial: string, change: Partial<WorldCylinder>): void {
    Object.assign(this.find(serial), change);
  }
  at(facilityId: string, status: Status): string[] {
    return this.cylinders
      .filter((c) => c.facilityId === facilityId && c.status === status)
      .map((c) => c.serial);
  }
  onTrip(tripId: string, load?: 'full' | 'empty'): string[] {
    return this.cylinders
      .filter((c) => c.tripId === tripId && c.status === 'IN_TRANSIT' && (!load || c.load === load))
      .map((c) => c.serial);
  }
  fill(serial: string, plantId: string): void {
    this.set(serial, { status: 'FULL' });
    this.fills.push(`${plantId}:${serial}`);
  }
  load(serials: string[], tripId: string): void {
    for (const s of serials)
      this.set(s, { status: 'IN_TRANSIT', facilityId: null, tripId, load: 'full' });
  }
  deliver(serials: string[], facilityId: string): void {
    for (const s of serials) this.set(s, { status: 'FULL', facilityId, tripId: null, load: null });
  }
  collect(serials: string[], tripId: string): void {
    for (const s of serials)
      this.set(s, { status: 'IN_TRANSIT', facilityId: null, tripId, load: 'empty' });
  }
  unload(serials: string[], facilityId: string): void {
    for (const s of serials) {
      const status = this.find(s).load === 'full' ? 'FULL' : 'EMPTY';
      this.set(s, { status, facilityId, tripId: null, load: null });
    }
  }
  lose(serials: string[]): void {
    for (const s of serials) this.set(s, { status: 'LOST' });
  }

  countsAt(facilityId: string): Record<string, number> {
    const counts: Record<string, number> = {
      FULL: 0,
      IN_USE: 0,
      EMPTY: 0,
      IN_TRANSIT: 0,
      QUARANTINED: 0,
      LOST: 0,
    };
    for (const c of this.cylinders) {
      if (c.facilityId === facilityId && c.status !== 'CONDEMNED') counts[c.status] += 1;
    }
    return counts;
  }

  oxygenLitres(): number {
    const litres = { J: 6800, E: 680 };
    return this.cylinders
      .filter((c) => c.status === 'FULL' || (c.status === 'IN_TRANSIT' && c.load === 'full'))
      .reduce((sum, c) => sum + litres[c.sizeCode], 0);
  }

  governorateOf(
    facilityId: string,
    ...lists: { id: string; governorate: string }[][]
  ): string | undefined {
    return lists.flat().find((f) => f.id === facilityId)?.governorate;
  }
}
