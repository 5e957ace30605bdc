import { DomainError } from './domain-error';

/**
 * A domain event: a fact in the past tense (`CylinderFilled`), a schema `version`, and its
 * `data`. The type is an explicit string constant, never a class name, so renaming code never
 * renames history. Who did it, the correlation and the recording time travel as event-store
 * metadata, set by the application layer; `data.at` is when it happened on the device.
 */
export interface VersionedEvent<Type extends string, Data, Version extends number = 1> {
  readonly type: Type;
  readonly version: Version;
  readonly data: Data;
}

/** An event as read back from the ledger: any type, any version, untyped data. */
export interface RawEvent {
  type: string;
  version: number;
  data: unknown;
}

/**
 * One step of a schema change: turns the data of `type` at `fromVersion` into the shape of
 * `toVersion`. Steps chain (v1 → v2 → v3) until the current version is reached.
 */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  readonly toVersion: number;
  upcast(data: unknown): unknown;
}

/** Typed construction of an `Upcaster`: `From` and `To` document the two shapes. */
export function defineUpcaster<From, To>(upcaster: {
  type: string;
  fromVersion: number;
  toVersion: number;
  upcast: (data: From) => To;
}): Upcaster {
  return {
    type: upcaster.type,
    fromVersion: upcaster.fromVersion,
    toVersion: upcaster.toVersion,
    upcast: (data) => upcaster.upcast(data as From),
  };
}

export class UnknownEventType extends DomainError {
  readonly code = 'event.unknown-type';
  readonly kind = 'invalid';

  constructor(type: string) {
    super(`Unknown event type '${type}'`, {
      rule: 'only known event types can be read',
      eventType: type,
    });
  }
}

export class UnsupportedEventVersion extends DomainError {
  readonly code = 'event.unsupported-version';
  readonly kind = 'invalid';

  constructor(type: string, version: number, currentVersion: number) {
    const why =
      version > currentVersion
        ? 'it was written by a newer release'
        : `no upcaster leads from version ${version} to ${currentVersion}`;
    super(`Cannot read ${type} version ${version}: ${why}`, {
      rule: 'events are read at their current schema version, through upcasters',
      eventType: type,
      version,
      currentVersion,
    });
  }
}

/**
 * Reads events written under any past schema as today's events. Keyed by type and version:
 * `currentVersions` says which version the code understands for each type; `upcasters` lead
 * older versions there, one step at a time.
 */
export class UpcasterRegistry<Event extends VersionedEvent<string, unknown, number>> {
  private readonly steps = new Map<string, Upcaster>();

  constructor(
    private readonly currentVersions: Readonly<Record<string, number>>,
    upcasters: readonly Upcaster[] = [],
  ) {
    for (const upcaster of upcasters) {
      const current = currentVersions[upcaster.type];
      if (current === undefined) {
        throw new Error(`Upcaster for unknown event type '${upcaster.type}'`);
      }
      if (upcaster.toVersion <= upcaster.fromVersion || upcaster.toVersion > current) {
        throw new Error(
          `Upcaster ${upcaster.type} v${upcaster.fromVersion}→v${upcaster.toVersion} must go forward, at most to v${current}`,
        );
      }
      const key = stepKey(upcaster.type, upcaster.fromVersion);
      if (this.steps.has(key)) {
        throw new Error(`Two upcasters from ${upcaster.type} v${upcaster.fromVersion}`);
      }
      this.steps.set(key, upcaster);
    }
  }

  /** The current version the code writes and understands for `type`, if it is known. */
  currentVersion(type: string): number | undefined {
    return Object.prototype.hasOwnProperty.call(this.currentVersions, type)
      ? this.currentVersions[type]
      : undefined;
  }

  upcast(raw: RawEvent): Event {
    const current = this.currentVersion(raw.type);
    if (current === undefined) throw new UnknownEventType(raw.type);
    let { version, data } = raw;
    while (version !== current) {
      const step = version < current ? this.steps.get(stepKey(raw.type, version)) : undefined;
      if (!step) throw new UnsupportedEventVersion(raw.type, raw.version, current);
      data = step.upcast(data);
      version = step.toVersion;
    }
    return { type: raw.type, version, data } as unknown as Event;
  }
}

function stepKey(type: string, version: number): string {
  return `${type}@${version}`;
}
