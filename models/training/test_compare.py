"""compare.py against small eval.json files: the table and its verdicts, thresholds recomputed from per-image
scores, and clear exits for files it cannot use. Runs without PyTorch: /usr/bin/python3 -m unittest
models.training.test_compare"""
from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
import unittest

from . import compare


def report(ap: dict, scores: list[dict], infer_ms: float = 20.0) -> dict:
    return {'classes': [{'label': k, 'ap50': v, 'groundTruth': 10} for k, v in ap.items()],
            'negatives': {'maxScores': [{'imageId': f'{i}.jpg', 'scores': s} for i, s in enumerate(scores)]},
            'timings': {'medianInferMs': infer_ms}}


def eval_file(model: str, thresholds: dict, reports: dict) -> dict:
    return {'model': model, 'thresholds': thresholds, 'reports': reports}


CLEAN = [{'fire': 0.1, 'smoke': 0.1}] * 10


def new_model(fire_scores: list[float]) -> dict:
    return eval_file('new', {'fire': 0.4, 'smoke': 0.5}, {
        'heldout-fire-8': report({'fire': 0.6, 'smoke': 0.7}, CLEAN),
        'clip-fire_flame_front_fdv': report({}, [{'fire': s} for s in fire_scores]),
        'clip-neg_street_intel': report({}, CLEAN),
    })


BASELINE = eval_file('base', {'fire': 0.5, 'smoke': 0.5}, {
    'heldout-fire-8': report({'fire': 0.5, 'smoke': 0.6}, [{'fire': 0.9}] + CLEAN[:3], infer_ms=30.0),
    'clip-fire_flame_front_fdv': report({}, [{'fire': 0.0}] * 4, infer_ms=30.0),
    'clip-neg_street_intel': report({}, [{'smoke': 0.6}] * 4, infer_ms=30.0),
})


class CompareTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.run_dir = os.path.join(self.dir, 'run')
        os.mkdir(self.run_dir)
        self.baseline = os.path.join(self.dir, 'baseline.json')
        self.write(self.baseline, BASELINE)

    def write(self, path: str, data) -> None:
        with open(path, 'w') as f:
            f.write(data if isinstance(data, str) else json.dumps(data))

    def main(self, *args: str) -> tuple[int, str]:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = compare.main(['--run', self.run_dir, '--baseline', self.baseline, *args])
        return code, out.getvalue()

    def test_every_figure_holds(self):
        self.write(os.path.join(self.run_dir, 'eval.json'), new_model([0.6, 0.45, 0.2, 0.9]))
        code, text = self.main()
        self.assertEqual(code, 0, text)
        self.assertIn('| heldout-fire-8 AP50 fire (10 boxes) | 0.500 | 0.600 | > baseline | yes |', text)
        self.assertIn('| heldout-fire-8 negatives with a box (10 images) | 25.0 % | 0.0 % | <= 6.2 % | yes |', text)
        self.assertIn('| clip-fire_flame_front_fdv frames with a box (4) | 0.0 % | 75.0 % | >= 50 % | yes |', text)
        self.assertIn('6 of 6 figures hold', text)

    def test_thresholds_are_recomputed_exactly_from_per_image_scores(self):
        self.write(os.path.join(self.run_dir, 'eval.json'), new_model([0.6, 0.45, 0.2, 0.9]))
        code, text = self.main('--thresholds', 'fire=0.5,smoke=0.5')
        self.assertEqual(code, 0)
        self.assertIn('| clip-fire_flame_front_fdv frames with a box (4) | 0.0 % | 50.0 % | >= 50 % | yes |', text)
        code, text = self.main('--thresholds', 'fire=0.7,smoke=0.5')
        self.assertIn('| clip-fire_flame_front_fdv frames with a box (4) | 0.0 % | 25.0 % | >= 50 % | **no** |', text)
        self.assertEqual(code, 1)

    def test_search_lists_pairs_at_which_every_share_holds(self):
        self.write(os.path.join(self.run_dir, 'eval.json'), new_model([0.6, 0.45, 0.2, 0.9]))
        _, text = self.main('--search')
        self.assertIn('fire 0.20, smoke 0.20: fire clip 100.0 %', text)

    def test_files_measured_before_per_image_scores_are_refused_by_name(self):
        old = new_model([0.6])
        del old['reports']['clip-neg_street_intel']['negatives']['maxScores']
        self.write(os.path.join(self.run_dir, 'eval.json'), old)
        with self.assertRaises(SystemExit) as caught:
            self.main()
        self.assertIn('clip-neg_street_intel measured before reports carried per-image scores', str(caught.exception.code))
        old_base = json.loads(json.dumps(BASELINE))
        del old_base['reports']['heldout-fire-8']['negatives']['maxScores']
        self.write(os.path.join(self.run_dir, 'eval.json'), new_model([0.6]))
        self.write(self.baseline, old_base)
        with self.assertRaises(SystemExit) as caught:
            self.main()
        self.assertIn(f'{self.baseline}: heldout-fire-8 measured before', str(caught.exception.code))

    def test_missing_broken_and_foreign_files_exit_with_a_message(self):
        with self.assertRaises(SystemExit) as caught:
            self.main()
        self.assertIn('eval.json: cannot read it', str(caught.exception.code))
        self.write(os.path.join(self.run_dir, 'eval.json'), '{"model": ')
        with self.assertRaises(SystemExit) as caught:
            self.main()
        self.assertIn('not JSON', str(caught.exception.code))
        self.write(os.path.join(self.run_dir, 'eval.json'), [1, 2])
        with self.assertRaises(SystemExit) as caught:
            self.main()
        self.assertIn('not an eval.json written by evaluate.py', str(caught.exception.code))

    def test_malformed_thresholds_are_an_argument_error(self):
        self.write(os.path.join(self.run_dir, 'eval.json'), new_model([0.6]))
        for bad in ('fire', 'fire=high', 'fire=1.5', '=0.3'):
            with self.assertRaises(SystemExit) as caught, contextlib.redirect_stderr(io.StringIO()):
                self.main('--thresholds', bad)
            self.assertEqual(caught.exception.code, 2, bad)


if __name__ == '__main__':
    unittest.main()
