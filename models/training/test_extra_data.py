"""--extra-data: a folder in the layout `anxun export-dataset` writes becomes a source whose fire and smoke classes
map to the model's, whose frames are grouped by incident for the split, and whose split file is refused when the
extra folders change. Runs without PyTorch: /usr/bin/python3 -m unittest models.training.test_extra_data"""
from __future__ import annotations

import json
import os
import tempfile
import unittest

from . import sources, splits


def make_export(root: str, incidents: int, names=('fire', 'smoke', 'person')) -> str:
    folder = os.path.join(root, 'my-export')
    os.makedirs(os.path.join(folder, 'train', 'images'))
    os.makedirs(os.path.join(folder, 'train', 'labels'))
    with open(os.path.join(folder, 'data.yaml'), 'w') as f:
        f.write(f'train: train/images\nval: train/images\nnc: {len(names)}\nnames: {json.dumps(list(names))}\n')
    for i in range(1, incidents + 1):
        for alert, line in (('gate-fire-1', '0 0.5 0.5 0.2 0.2\n'), ('yard-intrusion-2', '2 0.4 0.4 0.1 0.3\n')):
            stem = f'inc-{i}__{alert}'
            open(os.path.join(folder, 'train', 'images', stem + '.jpg'), 'wb').close()
            with open(os.path.join(folder, 'train', 'labels', stem + '.txt'), 'w') as f:
                f.write(line if i % 3 else '')  # every third incident dismissed: empty label files
    return folder


class ExtraDataTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.addCleanup(lambda: [sources.SOURCE_BY_NAME.pop(n) for n in list(sources.SOURCE_BY_NAME)
                                 if n.startswith(sources.EXTRA_PREFIX)])

    def test_classes_map_by_name_and_person_is_dropped(self):
        [s] = sources.register_extra([make_export(self.tmp.name, 3)])
        self.assertEqual(s.name, 'local-my-export')
        self.assertEqual(s.class_map, {0: sources.FIRE, 1: sources.SMOKE})
        self.assertTrue(s.labels_smoke)
        images = sources.list_images('/nowhere', s)
        self.assertEqual(len(images), 6)
        boxes = {os.path.basename(p): sources.read_boxes('/nowhere', p, s) for p in images}
        self.assertEqual(boxes['inc-1__gate-fire-1.jpg'], [(0, 0.5, 0.5, 0.2, 0.2)])
        self.assertEqual(boxes['inc-1__yard-intrusion-2.jpg'], [])
        self.assertEqual(boxes['inc-3__gate-fire-1.jpg'], [])
        self.assertIs(sources.SOURCE_BY_NAME['local-my-export'], s)

    def test_frames_of_one_incident_stay_on_one_side(self):
        [s] = sources.register_extra([make_export(self.tmp.name, 20)])
        train, held, groups = splits.split_source(s, sources.list_images('/nowhere', s))
        self.assertTrue(held and train)
        self.assertAlmostEqual(len(held) / (len(held) + len(train)), 0.2, delta=0.1)
        incident = lambda p: os.path.basename(p).split('__')[0]
        self.assertFalse({incident(p) for p in train} & {incident(p) for p in held})
        self.assertEqual(sorted(groups), sorted({incident(p) for p in held}))

    def test_a_folder_that_is_not_an_export_or_trains_nothing_is_refused(self):
        with self.assertRaises(FileNotFoundError):
            sources.register_extra([self.tmp.name])
        folder = make_export(self.tmp.name, 1, names=('person',))
        with self.assertRaisesRegex(ValueError, 'none of the classes'):
            sources.register_extra([folder])

    def test_a_split_file_made_with_other_extra_folders_is_refused(self):
        path = os.path.join(self.tmp.name, 'splits.json')
        with open(path, 'w') as f:
            json.dump({'salt': splits.SALT, 'sources': {'fire-8': {}}}, f)
        extra = sources.register_extra([make_export(self.tmp.name, 2)])
        with self.assertRaisesRegex(SystemExit, 'extra data'):
            splits.load_or_make('/nowhere', path, extra)
        self.assertEqual(splits.load_or_make('/nowhere', path)['sources'], {'fire-8': {}})

    def test_names_are_read_without_python3_yaml_too(self):
        self.assertEqual(sources._plain_yaml_names('nc: 3\nnames: ["fire", "smoke", "person"]\n'),
                         ['fire', 'smoke', 'person'])
        self.assertEqual(sources._plain_yaml_names("names:\n  - fire\n  - 'smoke'\nnc: 2\n"), ['fire', 'smoke'])
        self.assertIsNone(sources._plain_yaml_names('nc: 2\n'))


if __name__ == '__main__':
    unittest.main()
