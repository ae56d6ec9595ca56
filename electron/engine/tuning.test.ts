import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfirmationConfigSchema, ConfirmationPolicySchema, policyFor } from '../domain/confirmation';
import { silentLogger } from '../log/logger';
import { openDatabase, type OpenedDatabase } from '../store/database';
import { TuningRepo } from '../store/tuning-repo';
import { confirmationInForce } from './tuning';

describe('the confirmation settings the engine starts with (real SQLite file)', () => {
  let dir: string;
  let opened: OpenedDatabase;
  let repo: TuningRepo;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'anxun-tuning-force-'));
    opened = openDatabase(join(dir, 'anxun.db'));
    repo = new TuningRepo(opened.db);
  });
  afterEach(() => {
    opened.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const file = ConfirmationConfigSchema.parse({
    cameras: { gate: { smoke: { kind: 'window', threshold: 0.55 }, fire: { kind: 'window', threshold: 0.45 } } },
  });
  const applied = (cameraId: string, label: string, threshold: number) =>
    repo.apply({
      cameraId,
      label,
      policy: ConfirmationPolicySchema.parse({ kind: 'window', threshold }),
      expectedVersion: 0,
      actorId: 't',
      actorName: 't',
      before: policyFor(file, cameraId, label),
      note: null,
      at: 0,
    });

  it('lays the interface’s policies over the file’s, keeping the file’s other overrides', () => {
    applied('gate', 'smoke', 0.7);
    applied('yard', 'fire', 0.8);
    const inForce = confirmationInForce(file, repo, silentLogger());
    expect(policyFor(inForce, 'gate', 'smoke')).toMatchObject({ threshold: 0.7 });
    expect(policyFor(inForce, 'gate', 'fire')).toMatchObject({ threshold: 0.45 });
    expect(policyFor(inForce, 'yard', 'fire')).toMatchObject({ threshold: 0.8 });
    expect(policyFor(inForce, 'yard', 'smoke')).toEqual(policyFor(file, 'yard', 'smoke'));
    expect(inForce.recordFloor).toBe(0.2);
    // the file's settings themselves are left as they were
    expect(policyFor(file, 'gate', 'smoke')).toMatchObject({ threshold: 0.55 });
  });

  it('leaves out a stored policy that no longer reads as one', () => {
    applied('gate', 'smoke', 0.7);
    opened.db.prepare(`UPDATE confirmation_overrides SET policy_json = '{"kind":"window","n":0}'`).run();
    const inForce = confirmationInForce(file, repo, silentLogger());
    expect(policyFor(inForce, 'gate', 'smoke')).toMatchObject({ threshold: 0.55 });
  });
});
