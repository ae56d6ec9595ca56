"""Figures read back from `anxun eval-model` reports, without running a model again (no PyTorch needed): the share
of object-free images with a box at given thresholds, and a class's recall and precision at one threshold."""
from __future__ import annotations


def share_at(report: dict, thresholds: dict, classes=None) -> float | None:
    """Share of the report's images without objects with a box at `thresholds` (from its per-image maximum scores:
    no second pass). `classes` limits the count to those classes."""
    rows = report['negatives']['maxScores']
    if not rows:
        return None
    hit = sum(1 for r in rows if any(score >= thresholds[c] for c, score in r['scores'].items()
                                     if c in thresholds and (classes is None or c in classes)))
    return hit / len(rows)


def point_at(report: dict, label: str, threshold: float) -> dict | None:
    """Recall and precision of a class at a threshold of the report's curve (0.05 steps)."""
    c = next((c for c in report['classes'] if c['label'] == label), None)
    if c is None:
        return None
    return next((p for p in c.get('curve', []) if abs(p['threshold'] - threshold) < 1e-9), None)
