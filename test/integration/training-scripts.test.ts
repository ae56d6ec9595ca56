/**
 * The training pipeline's own Python tests, run with Debian's python3 so that the suite covers them: compare.py
 * (no PyTorch needed) and train.py's --init checks (skipped by Python itself where python3-torch is absent).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';

const PYTHON = '/usr/bin/python3';

describe.runIf(existsSync(PYTHON))('models/training Python tests', () => {
  it('pass: compare.py tables and refusals, train.py --init refusals', async () => {
    const modules = ['models.training.test_compare', 'models.training.test_train_init'];
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        PYTHON,
        ['-m', 'unittest', '-v', ...modules],
        { cwd: ROOT, timeout: 120_000, env: { ...process.env, OMP_NUM_THREADS: '1' } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
      );
    });
    expect(code, output).toBe(0);
    expect(output).toMatch(/^OK/m);
    expect(output).toContain('test_files_measured_before_per_image_scores_are_refused_by_name');
  }, 130_000);
});
