/** The README.md written into each training-data export: what the folder is and how it is used. */
import { DATASET_CLASSES, type ExportSummary } from '../domain/dataset-labels';
import type { Manifest } from './dataset-export-files';

export function datasetReadme(manifest: Manifest, summary: ExportSummary): string {
  const runs = manifest.runs.map(
    (r) => `- ${r.at}: reviews from ${r.since} to ${r.until}${r.cameras ? ` (cameras ${r.cameras.join(', ')})` : ''}`,
  );
  const negatives = Object.entries(summary.negatives).map(([reason, n]) => `${reason} ${n}`);
  return [
    '# Anxun training-data export',
    '',
    "Frames from this centre's own cameras, labelled by the operators' reviews in Anxun (安巡):",
    '',
    '- an alert of a **confirmed** incident gives the clean frame at its peak (cut from the incident clip, no boxes',
    '  drawn) with a YOLO label line per box;',
    '- an alert of a **dismissed** incident gives a **negative** frame (an empty label file); the reason the',
    '  operator chose (sunset, lamp, steam, cooking, reflection, other) is in `manifest.json`.',
    '',
    'Layout (the Roboflow YOLO layout that `models/training` reads): `data.yaml`, `train/images/*.jpg`,',
    '`train/labels/*.txt` (`class cx cy w h`, relative to the frame). Classes, by index: ' +
      DATASET_CLASSES.map((c, i) => `${i} ${c}`).join(', ') +
      '. The fire/smoke model trains on fire and smoke; person frames count as frames without fire or smoke.',
    'Image names are `<incident>__<alert>`: the training pipeline keeps all frames of one incident on the same',
    'side of its training / held-out split.',
    '',
    '`manifest.json` has one row per image: incident, alert, camera, alert kind, verdict, reason, reviewer, review',
    'time, peak time and score, the label lines, the frame size and the models (ids, checksums, thresholds) in',
    'force. It holds no camera addresses or passwords; the frames themselves show what the cameras see: keep this',
    'folder inside the centre.',
    '',
    `Images: ${summary.images}; positive boxes by class: ` +
      DATASET_CLASSES.map((c) => `${c} ${summary.positives[c]}`).join(', ') +
      `; negatives by reason: ${negatives.length > 0 ? negatives.join(', ') : 'none'}.`,
    '',
    'Fine-tune with it (see the project README, "Learning from your own cameras"):',
    '',
    '    /usr/bin/python3 -m models.training.reproduce --extra-data <this folder> --out models/training/runs/local',
    '',
    'Exports written into this folder:',
    ...runs,
    '',
  ].join('\n');
}
