"""The FineTec recognizer (FineTec, Fig. 2 and Eq. 17)."""
import copy
import os.path as osp
from typing import Dict, List, Optional, Tuple

import torch
from mmengine.logging import print_log
from mmengine.runner.checkpoint import CheckpointLoader
from torch import nn

from mmaction.models import RecognizerGCN
from mmaction.registry import MODELS


def frame_masks(data_samples, shape: Tuple[int, int, int],
                device) -> torch.Tensor:
    """``(B, num_clips, T)`` keep masks from the samples' ``frame_mask``
    (set by ``TemporalCorruption``); all ones for samples without one."""
    masks = []
    for sample in data_samples or [None] * shape[0]:
        mask = None if sample is None else sample.get('frame_mask')
        masks.append(torch.ones(shape[1:]) if mask is None else
                     torch.as_tensor(mask, dtype=torch.float32).reshape(
                         shape[1:]))
    return torch.stack(masks).to(device)


def check_inputs(inputs: torch.Tensor, masks: torch.Tensor,
                 data_samples) -> None:
    """Refuse non-finite keypoints and clips with every frame dropped,
    naming the samples."""
    def names(bad):
        return [(data_samples[i].metainfo.get('frame_dir', f'#{i}')
                 if data_samples else f'#{i}') for i in bad]

    finite = torch.isfinite(inputs.flatten(1)).all(1)
    if not finite.all():
        raise ValueError('non-finite keypoints in samples '
                         f'{names((~finite).nonzero().flatten().tolist())}')
    empty = ((masks > 0.5).sum(-1) == 0).any(-1)
    if empty.any():
        raise ValueError(
            'every frame is dropped in a clip of samples '
            f'{names(empty.nonzero().flatten().tolist())}: nothing to '
            'recognise or restore')


@MODELS.register_module()
class FineTecRecognizer(RecognizerGCN):
    """Fine-grained recognition of temporally corrupted skeletons.

    ``S_base = completion(S_corrupt)`` (frozen, pre-trained);
    ``S_pred, S_dyna, S_stat = decomposition(S_base)``; accelerations of the
    three by ``physics``, fused with the same weights as the positions into
    ``a_pred``; ``fusion(S_pred, a_pred)`` (cross-attention) feeds the GCN
    ``backbone`` and ``cls_head``. Loss (Eq. 17): ``L_CE + lambda L_Ac``.

    ``streams='six'`` is the multi-GCN variant: one backbone per sequence
    (``S_base, S_dyna, S_stat`` with the keypoint scores, and their three
    accelerations), features averaged before the head; ``fusion`` is then
    unused.

    Inputs are ``(B, num_clips, M, T, V, C)`` with the first
    ``completion.coord_dims`` channels coordinates and the rest (the
    keypoint score for 2D) passed through. Masks come from the samples'
    ``frame_mask``; samples without one are taken as uncorrupted.

    Args:
        completion: a ``ContextAwareCompletion`` config.
        completion_checkpoint: the pre-trained completion (a checkpoint of
            ``SkeletonCompletionModel``, or of a ``FineTecRecognizer``).
            ``None`` leaves it untrained, which then restores by its prior
            (linear interpolation) and logs a warning.
        decomposition, physics, fusion: configs of the three blocks.
        acc_loss_weight: lambda of Eq. 17.
        streams: ``'fused'`` or ``'six'``.
        in_channels: input channels ``C`` (the position streams' channels
            in the six-stream variant).
    """

    def __init__(self,
                 backbone: Dict,
                 cls_head: Dict,
                 completion: Dict,
                 decomposition: Dict,
                 physics: Dict,
                 fusion: Optional[Dict] = None,
                 completion_checkpoint: Optional[str] = None,
                 acc_loss_weight: float = 1.0,
                 streams: str = 'fused',
                 in_channels: int = 3,
                 **kwargs) -> None:
        if streams not in ('fused', 'six'):
            raise ValueError(f"streams must be 'fused' or 'six', got "
                             f'{streams!r}')
        if streams == 'six':  # the backbones are built below
            backbone = dict(backbone, in_channels=in_channels)
        super().__init__(backbone=backbone, cls_head=cls_head, **kwargs)
        self.streams = streams
        self.completion = MODELS.build(completion)
        self.coord_dims = self.completion.coord_dims
        self.decomposition = MODELS.build(decomposition)
        self.physics = MODELS.build(physics)
        self.acc_loss_weight = acc_loss_weight
        if streams == 'fused':
            if fusion is None:
                raise ValueError("streams='fused' needs a fusion config")
            self.fusion = MODELS.build(fusion)
        else:
            pos = dict(copy.deepcopy(backbone), in_channels=in_channels)
            acc = dict(copy.deepcopy(backbone), in_channels=self.coord_dims)
            self.stream_backbones = nn.ModuleList(
                [MODELS.build(pos) for _ in range(3)] +
                [MODELS.build(acc) for _ in range(3)])
            self.backbone = None
        self.completion.requires_grad_(False)
        self.completion.eval()
        if completion_checkpoint is None:
            print_log('FineTecRecognizer: no completion_checkpoint, the '
                      'completion module is untrained and restores dropped '
                      'frames by its prior', logger='current', level=30)
        else:
            self.load_completion(completion_checkpoint)

    def load_completion(self, path: str) -> None:
        """Load the completion weights (and bank) from a checkpoint."""
        if not osp.exists(path) and '://' not in path:
            raise FileNotFoundError(
                f'completion checkpoint {path} not found: pre-train one with '
                'tools/train.py configs/finetec/completion_*.py')
        ckpt = CheckpointLoader.load_checkpoint(path, map_location='cpu')
        state = ckpt.get('state_dict', ckpt)
        prefix = 'completion.'
        sub = {k[len(prefix):]: v for k, v in state.items()
               if k.startswith(prefix)}
        if not sub:
            raise ValueError(f'{path} holds no completion module weights')
        self.completion.load_state_dict(sub, strict=True)

    def train(self, mode: bool = True):
        super().train(mode)
        self.completion.eval()  # frozen: no dropout/BN updates, ever
        return self

    def restore_and_fuse(self, inputs: torch.Tensor, data_samples=None
                         ) -> Tuple[List[torch.Tensor], torch.Tensor]:
        """The GCN inputs ``(B*num_clips, M, T, V, C')`` (one, or six
        streams) and ``L_Ac`` for a batch."""
        b, nc, m, t, v, c = inputs.shape
        masks = frame_masks(data_samples, (b, nc, t), inputs.device)
        check_inputs(inputs, masks, data_samples)
        x = inputs.reshape(b * nc * m, t, v, c)
        coords, extra = x[..., :self.coord_dims], x[..., self.coord_dims:]
        keep = masks[:, :, None].expand(b, nc, m, t).reshape(b * nc * m, t)
        with torch.no_grad():
            base = self.completion(coords, keep)
        pred, dyna, stat = self.decomposition(base)
        acc, phys, finite = self.physics(torch.cat([base, dyna, stat]))
        loss_acc = self.physics.loss(phys, finite)
        accs = acc.chunk(3)
        shape = (b * nc, m, t, v)
        if self.streams == 'six':
            seqs = [torch.cat([s, extra], -1) for s in (base, dyna, stat)]
            return [s.reshape(shape + s.shape[-1:])
                    for s in seqs + list(accs)], loss_acc
        w = torch.softmax(self.decomposition.fusion_logits, 0)
        acc_pred = w[0] * accs[0] + w[1] * accs[1] + w[2] * accs[2]
        fused = self.fusion(torch.cat([pred, extra], -1), acc_pred)
        return [fused.reshape(shape + fused.shape[-1:])], loss_acc

    def extract_feat(self, inputs: torch.Tensor, stage: str = 'backbone',
                     data_samples=None, **kwargs) -> Tuple:
        streams, loss_acc = self.restore_and_fuse(inputs, data_samples)
        if self.streams == 'six':
            feats = torch.stack([
                net(s) for net, s in zip(self.stream_backbones, streams)
            ]).mean(0)
        else:
            feats = self.backbone(streams[0])
        kwargs = dict(loss_aux=dict(loss_acc=self.acc_loss_weight *
                                    loss_acc))
        if stage == 'head':
            return self.cls_head(feats), kwargs
        return feats, kwargs

    def loss(self, inputs: torch.Tensor, data_samples, **kwargs) -> Dict:
        feats, extra = self.extract_feat(inputs, data_samples=data_samples)
        losses = self.cls_head.loss(feats, data_samples)
        losses.update(extra['loss_aux'])
        return losses

    def predict(self, inputs: torch.Tensor, data_samples, **kwargs):
        feats, _ = self.extract_feat(inputs, data_samples=data_samples)
        return self.cls_head.predict(feats, data_samples)
