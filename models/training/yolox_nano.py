"""YOLOX-nano (depth 0.33, width 0.25, depthwise convolutions) in PyTorch, and its weights from an ONNX file.

The network follows Megvii's YOLOX (github.com/Megvii-BaseDetection/YOLOX, Apache-2.0): a Focus stem, a
CSPDarknet backbone with depthwise convolutions, a PAFPN neck and the decoupled head over strides 8, 16 and 32.

The COCO ONNX file has batch norm folded into the convolutions (every convolution carries a bias and no
BatchNormalization node is left), so each convolution here is a plain Conv2d with bias followed by SiLU. Fine-tuning
keeps the normalisation frozen in this folded form (as detectron's FrozenBatchNorm does): the statistics learnt on
COCO stay, and batches of 8 images on a CPU never have to estimate new ones.

Weights are loaded by execution order: the ONNX graph lists its Conv nodes in the order the exporter ran them, and
a forward pass with hooks gives the order in which this network runs its convolutions. Shapes are checked one by
one, so a structural mistake fails loudly instead of loading weights into the wrong layers.
"""
from __future__ import annotations

import math

import torch
from torch import nn
import torch.nn.functional as F

STRIDES = (8, 16, 32)


class ConvAct(nn.Module):
    """Convolution (batch norm folded into its bias) + SiLU."""

    def __init__(self, cin: int, cout: int, k: int, stride: int = 1, groups: int = 1):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, stride, (k - 1) // 2, groups=groups, bias=True)
        self.act = nn.SiLU()

    def forward(self, x):
        return self.act(self.conv(x))


class DWConv(nn.Module):
    """Depthwise k x k then pointwise 1 x 1, each with SiLU."""

    def __init__(self, cin: int, cout: int, k: int, stride: int = 1):
        super().__init__()
        self.dconv = ConvAct(cin, cin, k, stride, groups=cin)
        self.pconv = ConvAct(cin, cout, 1)

    def forward(self, x):
        return self.pconv(self.dconv(x))


class Bottleneck(nn.Module):
    def __init__(self, cin: int, cout: int, shortcut: bool):
        super().__init__()
        self.conv1 = ConvAct(cin, cout, 1)
        self.conv2 = DWConv(cout, cout, 3)
        self.add = shortcut and cin == cout

    def forward(self, x):
        y = self.conv2(self.conv1(x))
        return y + x if self.add else y


class CSPLayer(nn.Module):
    def __init__(self, cin: int, cout: int, n: int, shortcut: bool = True):
        super().__init__()
        hidden = cout // 2
        self.conv1 = ConvAct(cin, hidden, 1)
        self.conv2 = ConvAct(cin, hidden, 1)
        self.conv3 = ConvAct(2 * hidden, cout, 1)
        self.m = nn.Sequential(*[Bottleneck(hidden, hidden, shortcut) for _ in range(n)])

    def forward(self, x):
        x1 = self.conv1(x)
        x2 = self.conv2(x)
        return self.conv3(torch.cat([self.m(x1), x2], 1))


class SPP(nn.Module):
    def __init__(self, cin: int, cout: int, kernels=(5, 9, 13)):
        super().__init__()
        hidden = cin // 2
        self.conv1 = ConvAct(cin, hidden, 1)
        self.pools = nn.ModuleList([nn.MaxPool2d(k, 1, k // 2) for k in kernels])
        self.conv2 = ConvAct(hidden * (len(kernels) + 1), cout, 1)

    def forward(self, x):
        x = self.conv1(x)
        return self.conv2(torch.cat([x] + [p(x) for p in self.pools], 1))


class Focus(nn.Module):
    """Space-to-depth (2 x 2 pixels into channels) then a 3 x 3 convolution."""

    def __init__(self, cin: int, cout: int):
        super().__init__()
        self.conv = ConvAct(cin * 4, cout, 3)

    def forward(self, x):
        tl = x[..., ::2, ::2]
        tr = x[..., ::2, 1::2]
        bl = x[..., 1::2, ::2]
        br = x[..., 1::2, 1::2]
        return self.conv(torch.cat([tl, bl, tr, br], 1))


class Backbone(nn.Module):
    """CSPDarknet for nano: channels 16/32/64/128/256, CSP depths 1/3/3/1."""

    def __init__(self):
        super().__init__()
        self.stem = Focus(3, 16)
        self.dark2 = nn.Sequential(DWConv(16, 32, 3, 2), CSPLayer(32, 32, 1))
        self.dark3 = nn.Sequential(DWConv(32, 64, 3, 2), CSPLayer(64, 64, 3))
        self.dark4 = nn.Sequential(DWConv(64, 128, 3, 2), CSPLayer(128, 128, 3))
        self.dark5 = nn.Sequential(DWConv(128, 256, 3, 2), SPP(256, 256), CSPLayer(256, 256, 1, shortcut=False))

    def forward(self, x):
        x = self.dark2(self.stem(x))
        c3 = self.dark3(x)
        c4 = self.dark4(c3)
        c5 = self.dark5(c4)
        return c3, c4, c5


class PAFPN(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = Backbone()
        self.lateral_conv0 = ConvAct(256, 128, 1)
        self.C3_p4 = CSPLayer(256, 128, 1, False)
        self.reduce_conv1 = ConvAct(128, 64, 1)
        self.C3_p3 = CSPLayer(128, 64, 1, False)
        self.bu_conv2 = DWConv(64, 64, 3, 2)
        self.C3_n3 = CSPLayer(128, 128, 1, False)
        self.bu_conv1 = DWConv(128, 128, 3, 2)
        self.C3_n4 = CSPLayer(256, 256, 1, False)

    def forward(self, x):
        x2, x1, x0 = self.backbone(x)
        fpn_out0 = self.lateral_conv0(x0)
        f_out0 = self.C3_p4(torch.cat([F.interpolate(fpn_out0, scale_factor=2.0, mode='nearest'), x1], 1))
        fpn_out1 = self.reduce_conv1(f_out0)
        pan_out2 = self.C3_p3(torch.cat([F.interpolate(fpn_out1, scale_factor=2.0, mode='nearest'), x2], 1))
        pan_out1 = self.C3_n3(torch.cat([self.bu_conv2(pan_out2), fpn_out1], 1))
        pan_out0 = self.C3_n4(torch.cat([self.bu_conv1(pan_out1), fpn_out0], 1))
        return pan_out2, pan_out1, pan_out0


class Head(nn.Module):
    """Decoupled head: per stride a stem, two depthwise convs each for classes and for box/objectness."""

    def __init__(self, num_classes: int, in_channels=(64, 128, 256), width: int = 64):
        super().__init__()
        self.num_classes = num_classes
        self.stems = nn.ModuleList([ConvAct(c, width, 1) for c in in_channels])
        self.cls_convs = nn.ModuleList([nn.Sequential(DWConv(width, width, 3), DWConv(width, width, 3)) for _ in in_channels])
        self.reg_convs = nn.ModuleList([nn.Sequential(DWConv(width, width, 3), DWConv(width, width, 3)) for _ in in_channels])
        self.cls_preds = nn.ModuleList([nn.Conv2d(width, num_classes, 1) for _ in in_channels])
        self.reg_preds = nn.ModuleList([nn.Conv2d(width, 4, 1) for _ in in_channels])
        self.obj_preds = nn.ModuleList([nn.Conv2d(width, 1, 1) for _ in in_channels])

    def forward(self, feats):
        """Raw maps per stride: [B, 4 + 1 + classes, H, W] (box offsets, objectness logit, class logits)."""
        out = []
        for k, x in enumerate(feats):
            x = self.stems[k](x)
            cls_out = self.cls_preds[k](self.cls_convs[k](x))
            reg_feat = self.reg_convs[k](x)
            out.append(torch.cat([self.reg_preds[k](reg_feat), self.obj_preds[k](reg_feat), cls_out], 1))
        return out


class YoloxNano(nn.Module):
    """forward() gives the raw maps (training); forward_export() the engine's layout [B, rows, 5 + classes]."""

    def __init__(self, num_classes: int):
        super().__init__()
        self.num_classes = num_classes
        self.neck = PAFPN()
        self.head = Head(num_classes)

    def forward(self, x):
        return self.head(self.neck(x))

    def forward_export(self, x):
        maps = []
        for m in self.forward(x):
            maps.append(torch.cat([m[:, :4], m[:, 4:].sigmoid()], 1).flatten(2))
        return torch.cat(maps, 2).permute(0, 2, 1)


class ExportWrapper(nn.Module):
    """What goes into the ONNX file: images [B, 3, H, W] BGR 0-255 in, `output` [B, rows, 5 + classes] out."""

    def __init__(self, model: YoloxNano):
        super().__init__()
        self.model = model

    def forward(self, images):
        return self.model.forward_export(images)


def conv_execution_order(model: nn.Module, size: int = 64) -> list[nn.Conv2d]:
    """The Conv2d modules in the order a forward pass runs them."""
    order: list[nn.Conv2d] = []
    hooks = [m.register_forward_hook(lambda mod, i, o: order.append(mod))
             for m in model.modules() if isinstance(m, nn.Conv2d)]
    try:
        with torch.no_grad():
            model(torch.zeros(1, 3, size, size))
    finally:
        for h in hooks:
            h.remove()
    return order


def onnx_conv_weights(path: str) -> list[tuple[str, 'np.ndarray', 'np.ndarray']]:
    """(node name, weight, bias) of every Conv node of an ONNX file, in graph order."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(path)
    inits = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    out = []
    for node in model.graph.node:
        if node.op_type != 'Conv':
            continue
        if len(node.input) != 3 or node.input[1] not in inits or node.input[2] not in inits:
            raise ValueError(f'{path}: Conv node {node.name or node.output[0]} has no constant weight and bias '
                             '(batch norm not folded?)')
        out.append((node.output[0], inits[node.input[1]], inits[node.input[2]]))
    return out


def load_onnx_weights(model: YoloxNano, path: str, skip_class_preds: bool = False) -> dict:
    """Copies the ONNX file's convolution weights into `model` by execution order.

    With skip_class_preds the class prediction layers (a different number of classes) keep their fresh
    initialisation; every other layer must match in shape. Returns counts for the log.
    """
    convs = conv_execution_order(model)
    weights = onnx_conv_weights(path)
    if len(convs) != len(weights):
        raise ValueError(f'{path}: {len(weights)} convolutions, the network runs {len(convs)}')
    cls_preds = set(map(id, model.head.cls_preds))
    loaded = skipped = 0
    for i, (conv, (name, w, b)) in enumerate(zip(convs, weights)):
        if id(conv) in cls_preds and skip_class_preds:
            if tuple(w.shape[1:]) != tuple(conv.weight.shape[1:]):
                raise ValueError(f'conv #{i} ({name}): input shape {w.shape} does not fit {tuple(conv.weight.shape)}')
            skipped += 1
            continue
        if tuple(w.shape) != tuple(conv.weight.shape) or tuple(b.shape) != tuple(conv.bias.shape):
            raise ValueError(f'conv #{i} ({name}): ONNX {w.shape}/{b.shape}, network '
                             f'{tuple(conv.weight.shape)}/{tuple(conv.bias.shape)}')
        with torch.no_grad():
            conv.weight.copy_(torch.from_numpy(w.copy()))
            conv.bias.copy_(torch.from_numpy(b.copy()))
        loaded += 1
    return {'loaded': loaded, 'kept_fresh': skipped}


def init_class_preds(model: YoloxNano, prior: float = 0.01) -> None:
    """YOLOX's initialisation of new prediction layers: small weights, bias at the prior probability."""
    bias = -math.log((1 - prior) / prior)
    for conv in model.head.cls_preds:
        nn.init.normal_(conv.weight, std=0.01)
        nn.init.constant_(conv.bias, bias)


def build_from_coco(onnx_path: str, num_classes: int) -> YoloxNano:
    """YOLOX-nano with the COCO weights everywhere except a fresh class layer for `num_classes`."""
    model = YoloxNano(num_classes)
    init_class_preds(model)
    load_onnx_weights(model, onnx_path, skip_class_preds=num_classes != 80)
    return model


def anchor_grid(size_h: int, size_w: int, strides=STRIDES):
    """(grid x, grid y, stride) per output row, strides in order, rows within a stride row-major."""
    xs, ys, ss = [], [], []
    for s in strides:
        h, w = size_h // s, size_w // s
        gy, gx = torch.meshgrid(torch.arange(h), torch.arange(w), indexing='ij')
        xs.append(gx.reshape(-1))
        ys.append(gy.reshape(-1))
        ss.append(torch.full((h * w,), s))
    return torch.cat(xs).float(), torch.cat(ys).float(), torch.cat(ss).float()
