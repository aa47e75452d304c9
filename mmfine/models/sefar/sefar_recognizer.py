"""The SeFAR teacher/student recognizer (Eq. 8)."""
import logging
import math
from typing import Dict, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F
from mmengine.logging import MessageHub, print_log
from mmengine.model import ExponentialMovingAverage
from torch import nn

from mmaction.models import BaseRecognizer
from mmaction.registry import MODELS
from .adaptive_regulation import adaptive_regulation
from .tube_token_mix import draw_token_mix, mix_loss, mix_targets


@MODELS.register_module()
class SeFARRecognizer(BaseRecognizer):
    """Semi-supervised fine-grained recognition with an EMA teacher.

    Batches from ``SemiSupervisedDataPreprocessor`` carry labelled clips and
    the ``weak``/``strong`` views of unlabelled ones. Per iteration:

    * ``L_sup``: cross-entropy of the student on the labelled clips;
    * after ``warmup_epochs`` supervised epochs the teacher (an mmengine
      ``ExponentialMovingAverage`` of backbone + head, started as a copy of
      the student, then updated every iteration, accumulated ones included,
      as the authors' loop does) runs its backbone once on the weak views
      and its head ``U`` times with dropout on (``stochastic_logits``):
      Adaptive Regulation gives the pseudo-labels and weights ``w``
      (``weighting='adaptive'``); the SVFormer-style
      baseline (``weighting='threshold'``, ``U = 1``, head without dropout)
      keeps pseudo-labels whose confidence reaches ``threshold``;
    * ``L_un = mean(w CE(student(strong), argmax p))``, the strong views
      zeroed channel-wise with ``strong_dropout`` (the authors'
      ``dropout2d`` on ``B, C, T, H, W``);
    * ``L_mix``: Tube TokenMix of the strong views, target and weight mixed
      with the same ratio, ``mean(w_mix MSE(logits, p_mix))`` on the raw
      logits (``mix_loss``; ``mix_space='probs'`` on their softmax);
    * ``L = L_sup + xi (unsup_weight L_un + mix_weight L_mix)`` with
      ``xi = sin(pi / 2 (epoch + 1 - warmup) / (max_epochs - warmup))``.

    Besides the losses, the iteration logs the mean weight ``ar_weight``,
    the teacher's mean confidence ``teacher_conf`` and spread
    ``teacher_spread``, and, for unlabelled clips that carry true labels,
    ``pseudo_acc``. Prediction and export use the student. During the
    warm-up ``SemiSupervisedBatchSampler`` gives batches of labelled clips
    alone, which train the student as a plain recognizer does; such a batch
    after the warm-up is an error (the sampler's and the model's warm-ups
    differ).

    Args:
        backbone (dict): Config of the backbone, a
            ``MultiGranularTimeSformer`` (Tube TokenMix uses its
            ``elements``, ``num_patches`` and ``token_mix`` argument).
        cls_head (dict): Config of the head, a ``MultiGranularFusionHead``
            (the teacher calls its ``stochastic_logits``).
        data_preprocessor (dict, optional): Config of the data
            preprocessor, usually ``SemiSupervisedDataPreprocessor``.
            Defaults to None.
        warmup_epochs (int): Supervised epochs before the unlabelled
            losses start. Defaults to 5.
        warmup_iters (int, optional): The warm-up in iterations instead,
            for iteration-based loops (``IterBasedTrainLoop`` counts one
            epoch, so an epoch warm-up would never end): the ramp then
            reads ``iter`` and ``max_iters``. Defaults to None (epochs).
        ema_momentum (float): ``momentum`` of the teacher's
            ``ExponentialMovingAverage`` (the student's share in each
            update). Defaults to 1e-4.
        num_teacher_predictions (int): ``U``, the teacher head's dropout
            predictions per weak view with ``weighting='adaptive'`` (at
            least 2). Defaults to 10.
        weighting (str): ``'adaptive'`` (Adaptive Regulation) or
            ``'threshold'``. Defaults to ``'adaptive'``.
        sigma_scale (float): Scale of ``sigma`` in Adaptive Regulation's
            ``eta2 = 2 (sigmoid(1 / (sigma_scale sigma + eps)) - 0.5)``.
            Defaults to 20.0.
        eps (float): ``eps`` of ``eta2``. Defaults to 1e-9.
        threshold (float): Confidence a pseudo-label needs with
            ``weighting='threshold'``. Defaults to 0.7.
        unsup_weight (float): ``unsup_weight`` of ``L``. Defaults to 2.0.
        mix_weight (float): ``mix_weight`` of ``L``. Defaults to 2.0.
        strong_dropout (float): Channel-wise dropout rate of the strong
            views. Defaults to 0.2.
        mix_alpha (Sequence[float]): ``alpha`` of the Tube TokenMix ratio
            ``lam ~ Beta(alpha)``. Defaults to ``(10.0, 10.0)``.
        mix_space (str): What ``L_mix`` regresses on the mixed
            pseudo-labels: ``'logits'`` (the authors') or ``'probs'``
            (their softmax; see ``mix_loss`` for the measured difference).
            Defaults to ``'logits'``.
        train_cfg (dict, optional): Config for training. Defaults to None.
        test_cfg (dict, optional): Config for testing. Defaults to None.
    """

    def __init__(self,
                 backbone: Dict,
                 cls_head: Dict,
                 data_preprocessor: Optional[Dict] = None,
                 warmup_epochs: int = 5,
                 warmup_iters: Optional[int] = None,
                 ema_momentum: float = 1e-4,
                 num_teacher_predictions: int = 10,
                 weighting: str = 'adaptive',
                 sigma_scale: float = 20.0,
                 eps: float = 1e-9,
                 threshold: float = 0.7,
                 unsup_weight: float = 2.0,
                 mix_weight: float = 2.0,
                 strong_dropout: float = 0.2,
                 mix_alpha: Sequence[float] = (10.0, 10.0),
                 mix_space: str = 'logits',
                 train_cfg=None,
                 test_cfg=None) -> None:
        super().__init__(
            backbone=backbone,
            cls_head=cls_head,
            data_preprocessor=data_preprocessor,
            train_cfg=train_cfg,
            test_cfg=test_cfg)
        if weighting not in ('adaptive', 'threshold'):
            raise ValueError(f"weighting must be 'adaptive' or 'threshold', "
                             f'got {weighting!r}')
        if mix_space not in ('logits', 'probs'):
            raise ValueError(f"mix_space must be 'logits' or 'probs', got "
                             f'{mix_space!r}')
        if weighting == 'adaptive' and num_teacher_predictions < 2:
            raise ValueError('Adaptive Regulation needs at least 2 teacher '
                             'predictions')
        self.teacher = ExponentialMovingAverage(
            self.student(), momentum=ema_momentum)
        self.warmup_epochs, self.warmup_iters = warmup_epochs, warmup_iters
        self.num_teacher_predictions = num_teacher_predictions
        self.weighting, self.threshold = weighting, threshold
        self.sigma_scale, self.eps = sigma_scale, eps
        self.unsup_weight, self.mix_weight = unsup_weight, mix_weight
        self.strong_dropout, self.mix_alpha = strong_dropout, mix_alpha
        self.mix_space = mix_space
        self._warned_warmup_decoding = False

    def student(self) -> nn.ModuleDict:
        """Backbone and head under the teacher's names (a view, not
        registered: the parameters stay where they are)."""
        return nn.ModuleDict(dict(backbone=self.backbone, head=self.cls_head))

    # -- features ------------------------------------------------------------
    @staticmethod
    def _clips(inputs: torch.Tensor) -> torch.Tensor:
        """``(B, views, C, K, H, W)`` -> ``(B * views, C, K, H, W)``."""
        return inputs.reshape((-1, ) + inputs.shape[2:])

    def extract_feat(self,
                     inputs: torch.Tensor,
                     stage: str = 'backbone',
                     data_samples=None,
                     test_mode: bool = False,
                     **kwargs) -> Tuple:
        feats = self.backbone(self._clips(inputs), **kwargs)
        if stage == 'head':
            return self.cls_head(feats), {}
        return feats, {}

    # -- schedule ------------------------------------------------------------
    def ramp(self) -> float:
        """``xi`` of Eq. 8 at the loop's progress (0 during the warm-up):
        ``sin(pi/2 (e + 1 - warmup) / (max - warmup))`` over epochs, or
        over iterations with ``warmup_iters``; the progress comes from
        mmengine's message hub.

        Raises:
            ValueError: An epoch warm-up as long as the whole training (an
                iteration-based loop counts one epoch): the unlabelled
                losses would never start.
        """
        hub = MessageHub.get_current_instance()
        if self.warmup_iters is not None:
            step, total = hub.get_info('iter') or 0, hub.get_info('max_iters')
            warmup = self.warmup_iters
        else:
            step, total = hub.get_info('epoch') or 0, hub.get_info(
                'max_epochs')
            warmup = self.warmup_epochs
        if total is not None and warmup > 0 and total <= warmup:
            unit = 'iterations' if self.warmup_iters is not None else 'epochs'
            raise ValueError(
                f'SeFAR: a warm-up of {warmup} {unit} in a training of '
                f'{total} {unit}: the unlabelled losses would never start'
                + ('' if self.warmup_iters is not None else
                   '; under an iteration-based loop set warmup_iters'))
        if step < warmup:
            return 0.0
        span = max((total or 1) - warmup, 1)
        return math.sin(math.pi / 2 * min((step + 1 - warmup) / span, 1.0))

    # -- teacher -------------------------------------------------------------
    @torch.no_grad()
    def teacher_logits(self,
                       weak: torch.Tensor,
                       repeats: int = 0,
                       whole_model: bool = False) -> torch.Tensor:
        """The EMA teacher's logits on weak views.

        Args:
            weak (torch.Tensor): Weak views ``(B, 1, 3, K, H, W)``.
            repeats (int): 0 for one deterministic forward; ``U > 0`` for
                ``U`` stochastic predictions. Defaults to 0.
            whole_model (bool): With ``repeats``, run ``U`` full forwards
                with every dropout on (the authors' code) instead of the
                backbone once and the head's dropout ``U`` times (ours,
                Sec. "Adaptive Regulation"). Defaults to False.

        Returns:
            torch.Tensor: ``(B, num_classes)``, or ``(U, B, num_classes)``
            with ``repeats``.
        """
        teacher = self.teacher.module
        clips = self._clips(weak)
        if repeats and whole_model:
            teacher.train()
            return torch.stack([
                teacher.head(teacher.backbone(clips)) for _ in range(repeats)
            ])
        teacher.backbone.eval()
        feats = teacher.backbone(clips)
        if repeats:
            teacher.head.train()  # the dropout: the only stochastic part
            return teacher.head.stochastic_logits(feats, repeats)
        teacher.head.eval()
        return teacher.head(feats)

    def teacher_pseudo_labels(self, weak: torch.Tensor) -> Dict:
        """Pseudo-labels and weights for the weak views: the teacher's
        backbone runs once, its head ``U`` times (Adaptive Regulation), or
        once with the confidence threshold."""
        if self.weighting == 'adaptive':
            probs = self.teacher_logits(
                weak, self.num_teacher_predictions).softmax(-1)
            return adaptive_regulation(probs, self.sigma_scale, self.eps)
        probs = self.teacher_logits(weak).softmax(-1)
        mu, label = probs.max(1)
        return dict(
            probs=probs,
            label=label,
            mu=mu,
            sigma=torch.zeros_like(mu),
            weight=(mu >= self.threshold).float())

    # -- losses --------------------------------------------------------------
    def loss(self, inputs, data_samples, **kwargs) -> Dict:
        xi = self.ramp()
        if not isinstance(inputs, dict):  # a warm-up batch: labelled only
            if xi > 0.0:
                raise ValueError(
                    'SeFAR: a batch without unlabelled clips after the '
                    "model's warm-up; the batch sampler's warm-up "
                    '(train_dataloader.batch_sampler.warmup_epochs / '
                    'warmup_iters) must equal the model\'s '
                    '(model.warmup_epochs / warmup_iters)')
            feats, _ = self.extract_feat(inputs)
            return self.cls_head.loss(feats, data_samples)
        losses = {}
        if inputs.get('labeled') is not None:
            feats, _ = self.extract_feat(inputs['labeled'])
            losses.update(self.cls_head.loss(feats, data_samples['labeled']))
        if 'weak' not in inputs or 'strong' not in inputs:
            raise KeyError("unlabelled samples need 'weak' and 'strong' "
                           f'views, got {sorted(inputs)}')
        zero = inputs['weak'].new_zeros(())
        if xi == 0.0:  # warm-up, unlabelled clips decoded for nothing
            if not self._warned_warmup_decoding:
                self._warned_warmup_decoding = True
                print_log(
                    'SeFAR: unlabelled clips are decoded during the '
                    'warm-up and not used; give the batch sampler '
                    '(SemiSupervisedBatchSampler) the same warmup_epochs / '
                    'warmup_iters as the model',
                    logger='current',
                    level=logging.WARNING)
            losses.update(loss_unsup=zero, loss_mix=zero)
            return losses
        self.teacher.update_parameters(self.student())
        teacher = self.teacher_pseudo_labels(inputs['weak'])
        strong = F.dropout3d(
            self._clips(inputs['strong']), self.strong_dropout, training=True)
        weight = teacher['weight']
        logits = self.cls_head(self.backbone(strong))
        loss_un = (
            F.cross_entropy(logits, teacher['label'], reduction='none') *
            weight).mean()
        masks, index, lam = draw_token_mix(
            len(strong), len(self.backbone.elements),
            self.backbone.num_patches, self.mix_alpha)
        mixed = self.cls_head(self.backbone(strong, token_mix=(masks, index)))
        target = mix_targets(teacher['probs'], index, lam)
        loss_mix = mix_loss(mixed, target, mix_targets(weight, index, lam),
                            self.mix_space)
        losses.update(
            loss_unsup=xi * self.unsup_weight * loss_un,
            loss_mix=xi * self.mix_weight * loss_mix)
        losses.update(self._stats(teacher, data_samples['unlabeled']))
        return losses

    @staticmethod
    def _stats(teacher: Dict, samples) -> Dict[str, torch.Tensor]:
        stats = dict(
            ar_weight=teacher['weight'].mean(),
            teacher_conf=teacher['mu'].mean(),
            teacher_spread=teacher['sigma'].mean())
        truth = torch.as_tensor([
            int(s.gt_label.item()) if 'gt_label' in s else -1 for s in samples
        ],
                                device=teacher['label'].device)
        known = truth >= 0
        if known.any():
            stats['pseudo_acc'] = (
                teacher['label'][known] == truth[known]).float().mean()
        return stats
