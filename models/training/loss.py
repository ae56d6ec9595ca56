"""YOLOX's loss with SimOTA label assignment, plus masks for sources that never label smoke.

Per image (Ge et al., "YOLOX: Exceeding YOLO Series in 2021", and github.com/Megvii-BaseDetection/YOLOX
yolox/models/yolo_head.py, Apache-2.0, re-written here):
- candidates: anchor points whose centre lies in a labelled box or within 2.5 strides of its centre;
- cost of giving box g to anchor a: class BCE of sqrt(class x objectness) + 3 x -log(IoU) + a large penalty when
  the anchor is not both in the box and near its centre;
- dynamic k: each box takes the k lowest-cost anchors, k = the sum of its 10 best IoUs (at least 1); an anchor
  claimed by two boxes stays with the cheaper one;
- losses: 5 x (1 - IoU^2) on the matched boxes, BCE objectness on every anchor, BCE classes on matched anchors
  with the IoU as the soft target, and an L1 loss on the raw box outputs in the last epochs; summed and divided by
  the number of matched anchors in the batch.

Smoke not labelled (ajgarcia-indoor-fire, shriya-*): inside the rectangles that data.py marks, the smoke class is
taken out of the matching cost and of the class loss (no gradient says "this is not smoke"), and the objectness
loss of unmatched anchors is ignored where the network already sees smoke there (objectness x smoke score above
`ignore_smoke`): visible but unlabelled smoke is not taught as background, while the rest of the picture still is.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F

from .sources import SMOKE
from .yolox_nano import STRIDES, anchor_grid

CENTER_RADIUS = 2.5


def box_iou_cxcywh(a: torch.Tensor, b: torch.Tensor, pairwise: bool = True) -> torch.Tensor:
    """IoU of boxes given as (cx, cy, w, h): [N, M] when pairwise, else [N] for aligned pairs."""
    if pairwise:
        a, b = a[:, None, :], b[None, :, :]
    tl = torch.max(a[..., :2] - a[..., 2:] / 2, b[..., :2] - b[..., 2:] / 2)
    br = torch.min(a[..., :2] + a[..., 2:] / 2, b[..., :2] + b[..., 2:] / 2)
    inter = (br - tl).clamp(min=0).prod(-1)
    return inter / (a[..., 2:].prod(-1) + b[..., 2:].prod(-1) - inter + 1e-9)


class YoloxLoss:
    def __init__(self, num_classes: int, size: int, ignore_smoke: float = 0.3):
        self.num_classes = num_classes
        gx, gy, st = anchor_grid(size, size, STRIDES)
        self.gx, self.gy, self.stride = gx, gy, st
        self.cx, self.cy = (gx + 0.5) * st, (gy + 0.5) * st  # anchor centres in pixels
        self.ignore_smoke = ignore_smoke

    def __call__(self, maps, targets, rects, use_l1: bool = False) -> dict:
        preds = torch.cat([m.flatten(2) for m in maps], 2).permute(0, 2, 1)  # [B, A, 5 + C]
        raw_reg, obj_logit, cls_logit = preds[..., :4], preds[..., 4], preds[..., 5:]
        boxes = torch.cat([(raw_reg[..., :2] + torch.stack([self.gx, self.gy], 1)) * self.stride[:, None],
                           raw_reg[..., 2:].exp() * self.stride[:, None]], -1)
        loss_iou = loss_obj = loss_cls = loss_l1 = preds.new_zeros(())
        num_fg = 0
        for b in range(preds.shape[0]):
            gt = targets[b]
            no_smoke = self.inside(rects[b])  # [A] bool: smoke unlabelled here
            obj_t = torch.zeros_like(obj_logit[b])
            obj_w = torch.ones_like(obj_logit[b])
            if len(gt):
                fg, gt_idx, ious = self.assign(gt, boxes[b].detach(), obj_logit[b].detach(), cls_logit[b].detach(),
                                               no_smoke)
                obj_t[fg] = 1.0
                num_fg += int(fg.numel())
                if fg.numel():
                    g = gt[gt_idx]
                    loss_iou = loss_iou + (1 - box_iou_cxcywh(boxes[b, fg], g[:, 1:], pairwise=False) ** 2).sum()
                    cls_t = F.one_hot(g[:, 0].long(), self.num_classes).float() * ious[:, None]
                    cls_m = torch.ones_like(cls_t)
                    cls_m[:, SMOKE] = (~no_smoke[fg]).float()
                    loss_cls = loss_cls + (F.binary_cross_entropy_with_logits(cls_logit[b, fg], cls_t,
                                                                              reduction='none') * cls_m).sum()
                    if use_l1:
                        s = self.stride[fg]
                        l1_t = torch.stack([g[:, 1] / s - self.gx[fg], g[:, 2] / s - self.gy[fg],
                                            torch.log(g[:, 3] / s + 1e-8), torch.log(g[:, 4] / s + 1e-8)], 1)
                        loss_l1 = loss_l1 + (raw_reg[b, fg] - l1_t).abs().sum()
            if no_smoke.any():
                with torch.no_grad():
                    seen = obj_logit[b].sigmoid() * cls_logit[b, :, SMOKE].sigmoid() > self.ignore_smoke
                obj_w[no_smoke & seen & (obj_t == 0)] = 0.0
            loss_obj = loss_obj + (F.binary_cross_entropy_with_logits(obj_logit[b], obj_t, reduction='none')
                                   * obj_w).sum()
        n = max(num_fg, 1)
        parts = {'iou': 5.0 * loss_iou / n, 'obj': loss_obj / n, 'cls': loss_cls / n, 'l1': loss_l1 / n}
        parts['total'] = parts['iou'] + parts['obj'] + parts['cls'] + parts['l1']
        parts['num_fg'] = num_fg
        return parts

    def inside(self, rects: torch.Tensor) -> torch.Tensor:
        if rects.numel() == 0:
            return torch.zeros_like(self.cx, dtype=torch.bool)
        x, y = self.cx[:, None], self.cy[:, None]
        return ((x >= rects[:, 0]) & (x < rects[:, 2]) & (y >= rects[:, 1]) & (y < rects[:, 3])).any(1)

    @torch.no_grad()
    def assign(self, gt, boxes, obj_logit, cls_logit, no_smoke):
        """SimOTA: (matched anchor indices, their box index, their IoU with it)."""
        gx1, gy1 = gt[:, 1] - gt[:, 3] / 2, gt[:, 2] - gt[:, 4] / 2
        gx2, gy2 = gt[:, 1] + gt[:, 3] / 2, gt[:, 2] + gt[:, 4] / 2
        cx, cy = self.cx[None], self.cy[None]
        in_box = (cx > gx1[:, None]) & (cx < gx2[:, None]) & (cy > gy1[:, None]) & (cy < gy2[:, None])
        r = CENTER_RADIUS * self.stride[None]
        in_ctr = ((cx - gt[:, 1:2]).abs() < r) & ((cy - gt[:, 2:3]).abs() < r)
        cand = (in_box | in_ctr).any(0).nonzero().squeeze(1)  # [n]
        if cand.numel() == 0:
            empty = torch.zeros(0, dtype=torch.long)
            return empty, empty, torch.zeros(0)
        both = (in_box & in_ctr)[:, cand]  # [G, n]
        ious = box_iou_cxcywh(gt[:, 1:], boxes[cand])  # [G, n]
        p = (cls_logit[cand].sigmoid() * obj_logit[cand, None].sigmoid()).sqrt().clamp(1e-6, 1 - 1e-6)  # [n, C]
        onehot = F.one_hot(gt[:, 0].long(), self.num_classes).float()  # [G, C]
        bce = -(onehot[:, None] * p.log()[None] + (1 - onehot[:, None]) * (1 - p).log()[None])  # [G, n, C]
        cls_mask = torch.ones_like(p)
        cls_mask[:, SMOKE] = (~no_smoke[cand]).float()
        cost = (bce * cls_mask[None]).sum(-1) + 3.0 * -torch.log(ious + 1e-8) + 1e5 * (~both).float()

        matching = torch.zeros_like(cost)
        k = min(10, cand.numel())
        dyn_k = ious.topk(k, 1).values.sum(1).int().clamp(min=1)
        for g in range(len(gt)):
            idx = cost[g].topk(int(dyn_k[g]), largest=False).indices
            matching[g, idx] = 1.0
        shared = matching.sum(0) > 1
        if shared.any():
            best = cost[:, shared].argmin(0)
            matching[:, shared] = 0.0
            matching[best, shared.nonzero().squeeze(1)] = 1.0
        fg_local = matching.sum(0) > 0
        gt_idx = matching[:, fg_local].argmax(0)
        return cand[fg_local], gt_idx, ious[gt_idx, fg_local.nonzero().squeeze(1)]
