"""The FineTec recognizer (FineTec, Fig. 2 and Eq. 17)."""
import copy
import os.path as osp
from typing import Dict, List, Optional, Sequence, Tuple

import torch
from mmengine.logging import print_log
from mmengine.runner.checkpoint import CheckpointLoader
from torch import nn

from mmaction.models import RecognizerGCN
from mmaction.registry import MODELS
from .physics_acceleration import second_difference
from .skeleton_completion_model import sample_ids, training_sample_ids

SEQUENCES = ('base', 'dyna', 'stat')


def frame_masks(data_samples, shape: Tuple[int, int, int],
                device) -> torch.Tensor:
    """``(B, num_clips, T)`` keep masks from the samples' ``frame_mask``
    (set by ``TemporalCorruption``); all ones for samples without one."""
    masks = []
    for sample in data_samples or [None] * shape[0]:
        mask = None if sample is None else sample.get('frame_mask')
        masks.append(
            torch.ones(shape[1:]) if mask is None else torch.
            as_tensor(mask, dtype=torch.float32).reshape(shape[1:]))
    return torch.stack(masks).to(device)


def check_inputs(inputs: torch.Tensor, data_samples) -> None:
    """Refuse non-finite keypoints, naming the samples."""
    finite = torch.isfinite(inputs.flatten(1)).all(1)
    if not finite.all():
        bad = (~finite).nonzero().flatten().tolist()
        names = [(data_samples[i].metainfo.get('frame_dir', f'#{i}')
                  if data_samples else f'#{i}') for i in bad]
        raise ValueError(f'non-finite keypoints in samples {names}')


@MODELS.register_module()
class FineTecRecognizer(RecognizerGCN):
    """Fine-grained recognition of temporally corrupted skeletons (Fig. 2).

    ``S_base = completion(S_corrupt)`` (frozen, pre-trained);
    ``S_dyna, S_stat = decomposition(S_base)``; the fused position
    ``S_pred = sum_s w_s S_s`` over the used sequences with learned softmax
    weights; the fused acceleration (Eq. 13) of each sequence by
    ``physics``, combined with the same weights into ``a_pred``;
    ``fusion(S_pred, a_pred)`` (cross-attention) feeds the GCN ``backbone``
    and ``cls_head``. Loss (Eq. 17): ``L_CE + lambda L_Ac`` with ``L_Ac``
    of Eq. 16.

    ``streams='six'`` is the multi-GCN variant (Table 9): one backbone per
    sequence (the positions with the keypoint scores, and their
    accelerations), features averaged before the head; no fusion module
    and no fusion weights are then built or trained, so DDP finds no unused
    parameter.

    Inputs are ``(B, num_clips, M, T, V, C)`` with the first
    ``completion.coord_dims`` channels coordinates and the rest (the
    keypoint score for 2D) passed through beside ``S_pred`` to the GCN, as
    MMAction2's ST-GCN takes it (the paper's ``S_pred`` holds coordinates
    only); the score is 0 on dropped frames, so the GCN can tell restored
    frames from observed ones. Masks come from the samples'
    ``frame_mask`` (``TemporalCorruption``); samples without one are taken
    as uncorrupted. Clips with no observed frame (possible under
    ``scope='sample'``) stay zero, as the baseline sees them.

    Args:
        backbone (dict): The GCN config (e.g. MMAction2's ``STGCN``); its
            ``in_channels`` must be ``fusion.embed_dims``.
        cls_head (dict): The classification head config.
        completion (dict): A ``ContextAwareCompletion`` config, or None for
            the "w/o completion" ablation (Table 4): the GCN path then sees
            the corrupted input itself.
        decomposition (dict, optional): A ``SpatialDecomposition`` config,
            or None for the "w/o decomposition" ablation (only ``S_base``).
            Defaults to None.
        physics (dict, optional): A ``LagrangianAcceleration`` config, or
            None for the "w/o physics" ablation (the second finite
            difference alone, no ``L_Ac``). Defaults to None.
        fusion (dict, optional): A ``PositionAccelerationAttention`` config
            (``mode='mlp'`` for the MLP ablation). Needed with
            ``streams='fused'``. Defaults to None.
        completion_checkpoint (str, optional): The pre-trained completion
            (a checkpoint of ``SkeletonCompletionModel`` or of a
            ``FineTecRecognizer``). None leaves it untrained (it then
            restores by its prior) and logs a warning. Defaults to None.
        branches (Sequence[str]): The decomposition's sequences used beside
            ``S_base``: ``('dyna', 'stat')``, or one of them for the Table 5
            ablations. Defaults to ``('dyna', 'stat')``.
        acc_loss_weight (float): lambda of Eq. 17. Defaults to 1.0.
        streams (str): ``'fused'`` or ``'six'``. Defaults to ``'fused'``.
        in_channels (int): Input channels ``C`` (the position streams'
            channels in the six-stream variant). Defaults to 3.
        coord_dims (int): Coordinates per joint when ``completion`` is
            None (else the completion's). Defaults to 2.
    """

    def __init__(self,
                 backbone: Dict,
                 cls_head: Dict,
                 completion: Optional[Dict],
                 decomposition: Optional[Dict] = None,
                 physics: Optional[Dict] = None,
                 fusion: Optional[Dict] = None,
                 completion_checkpoint: Optional[str] = None,
                 branches: Sequence[str] = ('dyna', 'stat'),
                 acc_loss_weight: float = 1.0,
                 streams: str = 'fused',
                 in_channels: int = 3,
                 coord_dims: int = 2,
                 **kwargs) -> None:
        if streams not in ('fused', 'six'):
            raise ValueError(f"streams must be 'fused' or 'six', got "
                             f'{streams!r}')
        unknown = set(branches) - set(SEQUENCES[1:])
        if unknown or not branches and decomposition is not None:
            raise ValueError(f'branches must be a non-empty subset of '
                             f'{SEQUENCES[1:]}, got {branches}')
        if streams == 'six':  # the backbones are built below
            backbone = dict(backbone, in_channels=in_channels)
        super().__init__(backbone=backbone, cls_head=cls_head, **kwargs)
        self.streams = streams
        self.completion = None if completion is None else MODELS.build(
            completion)
        self.coord_dims = coord_dims if completion is None else \
            self.completion.coord_dims
        self.decomposition = None if decomposition is None else \
            MODELS.build(decomposition)
        self.sequences = ('base', ) if decomposition is None else (
            ('base', ) + tuple(b for b in SEQUENCES[1:] if b in branches))
        self.physics = None if physics is None else MODELS.build(physics)
        self.acc_loss_weight = acc_loss_weight
        if streams == 'fused':
            if fusion is None:
                raise ValueError("streams='fused' needs a fusion config")
            self.fusion = MODELS.build(fusion)
        else:
            pos = dict(copy.deepcopy(backbone), in_channels=in_channels)
            acc = dict(copy.deepcopy(backbone), in_channels=self.coord_dims)
            count = len(self.sequences)
            self.stream_backbones = nn.ModuleList(
                [MODELS.build(pos) for _ in range(count)] +
                [MODELS.build(acc) for _ in range(count)])
            self.backbone = None
        if self.decomposition is not None and (streams == 'six'
                                               or len(self.sequences) == 1):
            self.decomposition.fusion_logits.requires_grad_(False)
        if self.completion is not None:
            self.completion.requires_grad_(False)
            self.completion.eval()
            if completion_checkpoint is None:
                print_log(
                    'FineTecRecognizer: no completion_checkpoint, the '
                    'completion module restores dropped frames by its '
                    'prior until a FineTec checkpoint is loaded',
                    logger='current',
                    level=30)
            else:
                self.load_completion(completion_checkpoint)

    def load_completion(self, path: str) -> None:
        """Load the completion weights (and bank) from a checkpoint."""
        if not osp.exists(path) and '://' not in path:
            raise FileNotFoundError(
                f'completion checkpoint {path} not found: pre-train one with '
                'tools/train.py configs/finetec/completion_*.py')
        ckpt = CheckpointLoader.load_checkpoint(
            path, map_location='cpu', logger='current')
        state = ckpt.get('state_dict', ckpt)
        prefix = 'completion.'
        sub = {
            k[len(prefix):]: v
            for k, v in state.items() if k.startswith(prefix)
        }
        if not sub:
            raise ValueError(f'{path} holds no completion module weights')
        try:
            self.completion.load_state_dict(sub, strict=True)
        except RuntimeError as error:
            raise ValueError(
                f'{path} does not fit this completion module (a checkpoint '
                'of another model or of an older mmfine): pre-train it again '
                f'with tools/train.py configs/finetec/completion_*.py\n{error}'
            ) from error

    def train(self, mode: bool = True):
        super().train(mode)
        if self.completion is not None:
            self.completion.eval()  # frozen: no dropout/BN updates, ever
        return self

    def restore_and_fuse(
            self,
            inputs: torch.Tensor,
            data_samples=None) -> Tuple[List[torch.Tensor], torch.Tensor]:
        """Restore, decompose and fuse a batch.

        Args:
            inputs (torch.Tensor): ``(B, num_clips, M, T, V, C)``.
            data_samples (list[ActionDataSample], optional): Their
                ``frame_mask`` and ``frame_dir``.

        Returns:
            tuple[list[torch.Tensor], torch.Tensor]: The GCN inputs
            ``(B * num_clips, M, T, V, C')`` (one, or one per sequence and
            acceleration) and ``L_Ac`` (Eq. 16).
        """
        b, nc, m, t, v, c = inputs.shape
        masks = frame_masks(data_samples, (b, nc, t), inputs.device)
        check_inputs(inputs, data_samples)
        x = inputs.reshape(b * nc * m, t, v, c)
        coords, extra = x[..., :self.coord_dims], x[..., self.coord_dims:]
        keep = masks[:, :, None].expand(b, nc, m, t).reshape(b * nc * m, t)
        base = coords
        if self.completion is not None:
            ids = (training_sample_ids(data_samples, self.completion)
                   if self.training else sample_ids(data_samples))
            if ids is not None:  # never prompted by the sample's own clips
                ids = torch.as_tensor(ids).repeat_interleave(nc * m)
            with torch.no_grad():
                base = self.completion(coords, keep, ids)
        seqs = [base]
        if self.decomposition is not None:
            _, dyna, stat = self.decomposition(base)
            found = dict(dyna=dyna, stat=stat)
            seqs += [found[name] for name in self.sequences[1:]]
        # without perturbation (eval) S_dyna and S_stat are S_base itself:
        # its acceleration is computed once and L_Ac, a mean over equal
        # terms, keeps its value
        distinct = [
            s for i, s in enumerate(seqs) if all(s is not o for o in seqs[:i])
        ]
        stacked = torch.cat(distinct)
        if self.physics is not None:
            acc, phys, finite = self.physics(stacked)
            loss_acc = self.physics.loss(phys, finite)
        else:
            acc, loss_acc = second_difference(stacked), stacked.new_zeros(())
        by_seq = dict(zip(map(id, distinct), acc.chunk(len(distinct))))
        accs = [by_seq[id(s)] for s in seqs]
        shape = (b * nc, m, t, v)
        if self.streams == 'six':
            pos = [torch.cat([s, extra], -1) for s in seqs]
            return [s.reshape(shape + s.shape[-1:])
                    for s in pos + list(accs)], loss_acc
        if len(seqs) == 1:
            pred, acc_pred = base, accs[0]
        else:
            index = [SEQUENCES.index(name) for name in self.sequences]
            w = torch.softmax(self.decomposition.fusion_logits[index], 0)
            pred = sum(wi * s for wi, s in zip(w, seqs))
            acc_pred = sum(wi * a for wi, a in zip(w, accs))
        fused = self.fusion(torch.cat([pred, extra], -1), acc_pred)
        return [fused.reshape(shape + fused.shape[-1:])], loss_acc

    def extract_feat(self,
                     inputs: torch.Tensor,
                     stage: str = 'backbone',
                     data_samples=None,
                     **kwargs) -> Tuple:
        streams, loss_acc = self.restore_and_fuse(inputs, data_samples)
        if self.streams == 'six':
            feats = torch.stack([
                net(s) for net, s in zip(self.stream_backbones, streams)
            ]).mean(0)
        else:
            feats = self.backbone(streams[0])
        kwargs = dict(loss_aux=dict(loss_acc=self.acc_loss_weight * loss_acc))
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
