"""train.py --init: a run folder or checkpoint to start from, and the clear exits for files it cannot use. Needs
Debian's python3-torch (skipped without it): /usr/bin/python3 -m unittest models.training.test_train_init"""
from __future__ import annotations

import os
import tempfile
import unittest

try:
    import torch
except ImportError:  # the training packages are optional (scripts/install-training.sh)
    torch = None


@unittest.skipIf(torch is None, 'python3-torch is not installed (scripts/install-training.sh)')
class InitTest(unittest.TestCase):
    def setUp(self):
        from .train import init_weights, load_init
        from .yolox_nano import YoloxNano
        self.init_weights, self.load_init, self.Net = init_weights, load_init, YoloxNano
        self.dir = tempfile.mkdtemp()

    def save(self, name: str, obj) -> str:
        path = os.path.join(self.dir, name)
        torch.save(obj, path)
        return path

    def exits(self, fn, *args) -> str:
        with self.assertRaises(SystemExit) as caught:
            fn(*args)
        return str(caught.exception.code)

    def test_a_run_folder_loads_its_ema_weights_with_the_file_checksum(self):
        source = self.Net(2)
        with torch.no_grad():
            next(source.parameters()).add_(1.0)
        run = os.path.join(self.dir, 'run')
        os.mkdir(run)
        torch.save({'model': self.Net(2).state_dict(), 'ema': source.state_dict()}, os.path.join(run, 'last.pt'))
        weights, digest = self.init_weights(run)
        self.assertEqual(len(digest), 64)
        model = self.Net(2)
        self.load_init(model, weights, run)
        first = next(iter(source.state_dict()))
        self.assertTrue(torch.equal(model.state_dict()[first], source.state_dict()[first]))

    def test_missing_damaged_and_foreign_files_exit_with_a_message(self):
        self.assertIn('--init: no', self.exits(self.init_weights, os.path.join(self.dir, 'nothing')))
        damaged = os.path.join(self.dir, 'damaged.pt')
        with open(damaged, 'wb') as f:
            f.write(b'PK\x03\x04 not really a checkpoint')
        self.assertIn('is not a checkpoint of this pipeline', self.exits(self.init_weights, damaged))
        self.assertIn('holds no model weights', self.exits(self.init_weights, self.save('other.pt', {'epoch': 3})))
        self.assertIn('holds no model weights', self.exits(self.init_weights, self.save('list.pt', [1, 2])))

    def test_a_run_with_another_class_count_does_not_fit(self):
        path = self.save('three.pt', {'ema': self.Net(3).state_dict()})
        weights, _ = self.init_weights(path)
        message = self.exits(self.load_init, self.Net(2), weights, path)
        self.assertIn('does not fit this network', message)
        self.assertIn('of another shape', message)


if __name__ == '__main__':
    unittest.main()
