"""Top-down mmpose with an mmdet person detector, the OpenMMLab way.

Needs a full OpenMMLab environment (compiled mmcv 2.1.0, mmdet 3.3.0,
mmpose 1.3.2, torchvision): ``tools/misc/setup_mmpose_env.sh`` builds one
in ``.venv-mmpose/``. Imported lazily, so mmfine works without it.
"""
from typing import Optional, Union

import numpy as np

from mmfine.structures import get_layout
from .frame_poses import FramePoses
from .pose_estimator import POSE_ESTIMATORS, PoseEstimator, check_frame

MMPOSE_MISSING = (
    'the mmpose pose backend needs a full OpenMMLab environment: compiled '
    'mmcv 2.1.0 (with ops), mmdet 3.3.0, mmpose 1.3.2 and torchvision; '
    'build one with `bash tools/misc/setup_mmpose_env.sh` and run in '
    '.venv-mmpose/ (or use the MediaPipe backend)')


@POSE_ESTIMATORS.register_module()
class MMPoseTopDown(PoseEstimator):
    """Persons from an mmdet detector (``det_cat_id`` above ``bbox_thr``),
    keypoints from an mmpose top-down model on each box
    (``mmdet.apis.init_detector``/``inference_detector``,
    ``mmpose.apis.init_model``/``inference_topdown``). Without a detector
    the whole frame is one box (for frames cropped to one person).

    Args:
        pose_config (str | Config | dict): mmpose top-down config.
        pose_checkpoint (str, optional): Its weights (None: random, tests).
        det_config (str | Config | dict, optional): mmdet config.
        det_checkpoint (str, optional): Its weights.
        device (str): Defaults to ``'cpu'``.
        det_cat_id (int): The person class of the detector. Defaults to 0.
        bbox_thr (float): Minimum detection score. Defaults to 0.3.
        layout (str): Joint layout of the pose model's keypoints; its
            joint count must match the model's. Defaults to ``'coco17'``.
    """

    def __init__(self,
                 pose_config,
                 pose_checkpoint: Optional[str] = None,
                 det_config=None,
                 det_checkpoint: Optional[str] = None,
                 device: str = 'cpu',
                 det_cat_id: int = 0,
                 bbox_thr: float = 0.3,
                 layout: str = 'coco17') -> None:
        try:
            from mmdet.apis import inference_detector, init_detector
            from mmpose.apis import inference_topdown, init_model
        except ImportError as error:
            raise ImportError(f'{MMPOSE_MISSING} ({error})') from error
        self._inference_detector = inference_detector
        self._inference_topdown = inference_topdown
        self.layout = layout
        self.det_cat_id, self.bbox_thr = det_cat_id, bbox_thr
        self.pose_model = init_model(
            _config(pose_config), pose_checkpoint, device=device)
        joints = self.pose_model.dataset_meta.get('num_keypoints')
        if joints is not None and joints != get_layout(layout).num_joints:
            raise ValueError(f'the pose model predicts {joints} keypoints; '
                             f'layout {layout!r} has '
                             f'{get_layout(layout).num_joints}')
        self.detector = None if det_config is None else init_detector(
            _config(det_config), det_checkpoint, device=device)

    def person_boxes(self, bgr: np.ndarray) -> np.ndarray:
        """``(P, 4)`` person boxes ``x1, y1, x2, y2``."""
        if self.detector is None:
            h, w = bgr.shape[:2]
            return np.array([[0, 0, w, h]], np.float32)
        from mmengine.registry import DefaultScope
        with DefaultScope.overwrite_default_scope('mmdet'):
            found = self._inference_detector(self.detector,
                                             bgr).pred_instances
        keep = (found.labels == self.det_cat_id) & (
            found.scores > self.bbox_thr)
        return found.bboxes[keep].cpu().numpy().astype(np.float32)

    def __call__(self, frame: np.ndarray) -> FramePoses:
        check_frame(frame)
        bgr = np.ascontiguousarray(frame[..., ::-1])  # mmcv's channel order
        boxes = self.person_boxes(bgr)
        if not len(boxes):
            return FramePoses.empty(self.layout,
                                    get_layout(self.layout).num_joints)
        from mmengine.registry import DefaultScope
        with DefaultScope.overwrite_default_scope('mmpose'):
            samples = self._inference_topdown(
                self.pose_model, bgr, boxes, bbox_format='xyxy')
        keypoints = np.stack([
            s.pred_instances.keypoints[0] for s in samples
        ]).astype(np.float32)
        scores = np.stack([
            s.pred_instances.keypoint_scores[0] for s in samples
        ]).astype(np.float32)
        return FramePoses(keypoints, np.clip(scores, 0, 1), boxes,
                          self.layout)


def _config(config: Union[str, dict]):
    """A config path or Config as is; a dict as an mmengine Config."""
    if isinstance(config, dict) and not hasattr(config, 'filename'):
        from mmengine.config import Config
        return Config(config)
    return config
