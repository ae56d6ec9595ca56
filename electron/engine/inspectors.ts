/**
 * Inspectors' phones inside the engine: the desktop's side (list, pairing codes, devices, revoking, on/off duty)
 * and the phone's identity (pairing with a code, authenticating a token). The phone's own requests are in
 * `inspectors-me.ts`, its uploads in `inspectors-uploads.ts`. Tokens and codes are hashed before they are stored
 * or looked up, and never logged.
 */
import { randomUUID } from 'node:crypto';
import type { PushMessage } from '../api/contract';
import type { DeviceView, InspectorRow, PairOutput } from '../api/inspector-contract';
import type { InspectorsConfig } from '../config/inspectors-schema';
import { pairingCodeState } from '../domain/pairing';
import type { Inspector } from '../domain/grid';
import type { Logger } from '../log/logger';
import type { DeviceRecord, InspectorDevicesRepo } from '../store/inspector-devices-repo';
import { InspectorApiError } from './inspectors-errors';
import { bearerToken, hashSecret, looksLikeToken, newPairingCode, newToken } from './inspectors-tokens';

/** The grid store's inspectors. */
export interface InspectorDirectory {
  inspectors(): Inspector[];
  inspector(id: string): Inspector | null;
  setInspectorActive(id: string, active: boolean): boolean;
}

/** The LAN listener as the desktop needs it: its phone page address and the CA's fingerprint. */
export interface LanStatus {
  /** `https://<lan-ip>:<port>`, or null when the listener is off or the machine has no LAN address. */
  origin: string | null;
  caFingerprint: string | null;
}

export interface InspectorServiceOptions {
  repo: InspectorDevicesRepo;
  directory: InspectorDirectory;
  config: InspectorsConfig;
  publish: (message: PushMessage) => void;
  logger: Logger;
  now?: () => number;
}

/** Who a valid token belongs to. */
export interface PhoneIdentity {
  inspector: Inspector;
  device: DeviceRecord;
}

const toDeviceView = (d: DeviceRecord): DeviceView => ({ ...d });
const SEEN_EVERY_MS = 60_000;

export class InspectorService {
  private readonly log: Logger;
  private readonly now: () => number;
  private lan: LanStatus = { origin: null, caFingerprint: null };
  private lanEnabled = false;
  /** When each device's last-seen time was last written. */
  private readonly seenWritten = new Map<string, number>();
  /** Called when a device is revoked or its inspector goes off duty (the WebSocket closes it). */
  private readonly revokedListeners = new Set<(inspectorId: string, deviceId: string | null) => void>();

  constructor(private readonly options: InspectorServiceOptions) {
    this.log = options.logger.child({ module: 'inspectors' });
    this.now = options.now ?? Date.now;
  }

  /** The LAN listener started (or stopped: null). */
  setLan(status: LanStatus | null): void {
    this.lanEnabled = status !== null;
    this.lan = status ?? { origin: null, caFingerprint: null };
  }

  onRevoked(listener: (inspectorId: string, deviceId: string | null) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }

  // ---- the desktop --------------------------------------------------------------------------------------------

  list(): { inspectors: InspectorRow[]; lan: { enabled: boolean; url: string | null; caFingerprint: string | null } } {
    const summary = this.options.repo.summary();
    const inspectors = this.options.directory.inspectors().map((i) => this.row(i, summary.get(i.id)));
    const url = this.lan.origin ? `${this.lan.origin}/phone/` : null;
    return { inspectors, lan: { enabled: this.lanEnabled, url, caFingerprint: this.lan.caFingerprint } };
  }

  pair(inspectorId: string, createdBy = 'operator'): { code: string; expiresAt: string; url: string; payload: string } {
    const inspector = this.inspector(inspectorId);
    if (!this.lanEnabled) {
      throw new InspectorApiError('UNAVAILABLE', 'the LAN listener is off: start with --lan', 'LAN_DISABLED');
    }
    if (!this.lan.origin) {
      throw new InspectorApiError('UNAVAILABLE', 'this machine has no LAN address for phones', 'NO_LAN_ADDRESS');
    }
    const code = newPairingCode();
    const now = this.now();
    const expiresAt = now + this.options.config.pairingCodeTtlS * 1000;
    this.options.repo.addCode(hashSecret(code), inspector.id, expiresAt, createdBy, now);
    this.log.info({ inspector: inspector.id, expiresAt: new Date(expiresAt).toISOString() }, 'pairing code made');
    const url = `${this.lan.origin}/phone/#pair=${code}`;
    return { code, expiresAt: new Date(expiresAt).toISOString(), url, payload: url };
  }

  devices(inspectorId: string): { devices: DeviceView[] } {
    this.inspector(inspectorId);
    return { devices: this.options.repo.devices(inspectorId).map(toDeviceView) };
  }

  revoke(deviceId: string): DeviceView {
    const device = this.options.repo.revoke(deviceId, this.now());
    if (!device) throw new InspectorApiError('NOT_FOUND', `no device ${deviceId}`);
    this.log.warn({ inspector: device.inspectorId, device: device.id }, 'phone revoked');
    this.revokedListeners.forEach((l) => l(device.inspectorId, device.id));
    this.options.publish({
      type: 'inspectors:changed',
      payload: { inspectorId: device.inspectorId, change: 'revoked' },
    });
    return toDeviceView(device);
  }

  setActive(inspectorId: string, active: boolean): InspectorRow {
    this.inspector(inspectorId);
    this.options.directory.setInspectorActive(inspectorId, active);
    if (!active) this.revokedListeners.forEach((l) => l(inspectorId, null));
    this.options.publish({ type: 'inspectors:changed', payload: { inspectorId, change: 'active' } });
    return this.row(this.inspector(inspectorId), this.options.repo.summary().get(inspectorId));
  }

  // ---- the phone ----------------------------------------------------------------------------------------------

  /** Uses a one-time pairing code: a new device and its token (returned this once). */
  claim(code: string, deviceName: string): PairOutput {
    const codeHash = hashSecret(code);
    const stored = this.options.repo.code(codeHash);
    if (!stored) throw new InspectorApiError('FORBIDDEN', 'wrong pairing code', 'CODE_INVALID');
    const state = pairingCodeState(stored, this.now());
    if (state === 'used') throw new InspectorApiError('CONFLICT', 'this pairing code was used already', 'CODE_USED');
    if (state === 'expired') throw new InspectorApiError('FORBIDDEN', 'this pairing code has expired', 'CODE_EXPIRED');
    const token = newToken();
    const device = { id: `dev_${randomUUID()}`, name: deviceName, tokenHash: hashSecret(token) };
    const inspectorId = this.options.repo.claim(codeHash, device, this.now());
    if (!inspectorId) throw new InspectorApiError('CONFLICT', 'this pairing code was used already', 'CODE_USED');
    const inspector = this.inspector(inspectorId);
    this.log.warn({ inspector: inspector.id, device: device.id }, 'phone paired');
    this.options.publish({ type: 'inspectors:changed', payload: { inspectorId, change: 'paired' } });
    return {
      token,
      inspector: { id: inspector.id, name: inspector.name },
      device: { id: device.id, name: deviceName },
    };
  }

  /** The identity behind an Authorization header; throws 401 (no/unknown/revoked token) or 403 (off duty). */
  authenticate(authorization: string | undefined): PhoneIdentity {
    const token = bearerToken(authorization);
    if (token === null) throw new InspectorApiError('UNAUTHORIZED', 'no device token', 'TOKEN_MISSING');
    return this.authenticateToken(token);
  }

  authenticateToken(token: string): PhoneIdentity {
    const device = looksLikeToken(token) ? this.options.repo.byTokenHash(hashSecret(token)) : null;
    if (!device) throw new InspectorApiError('UNAUTHORIZED', 'unknown device token', 'TOKEN_INVALID');
    if (device.revokedAt !== null) {
      throw new InspectorApiError('UNAUTHORIZED', 'this phone was revoked: pair it again', 'TOKEN_REVOKED');
    }
    const inspector = this.options.directory.inspector(device.inspectorId);
    if (!inspector) throw new InspectorApiError('UNAUTHORIZED', 'unknown device token', 'TOKEN_INVALID');
    if (!inspector.active) {
      throw new InspectorApiError('FORBIDDEN', 'the inspector is off duty', 'INSPECTOR_INACTIVE');
    }
    const now = this.now();
    if (now - (this.seenWritten.get(device.id) ?? 0) >= SEEN_EVERY_MS) {
      this.seenWritten.set(device.id, now);
      this.options.repo.touch(device.id, now);
    }
    return { inspector, device };
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  private inspector(id: string): Inspector {
    const inspector = this.options.directory.inspector(id);
    if (!inspector) throw new InspectorApiError('NOT_FOUND', `no inspector ${id}`, 'UNKNOWN_INSPECTOR');
    return inspector;
  }

  private row(i: Inspector, s: { devices: number; lastSeenAt: string | null } | undefined): InspectorRow {
    return {
      id: i.id,
      name: i.name,
      phone: i.phone,
      active: i.active,
      cells: i.cells,
      devices: s?.devices ?? 0,
      lastSeenAt: s?.lastSeenAt ?? null,
    };
  }
}
