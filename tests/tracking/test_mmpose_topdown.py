"""The mmpose backend through the real mmdet / mmpose APIs, with small
randomly initialised models built from config dicts. Needs the full
OpenMMLab environment (tools/misc/setup_mmpose_env.sh); elsewhere only the
message naming what to install is tested."""
import importlib.util

import numpy as np
import pytest

from mmfine.tracking import build_pose_estimator

HAS_MMPOSE = all(
    importlib.util.find_spec(m) is not None
    for m in ('mmpose', 'mmdet', 'torchvision'))
needs_mmpose = pytest.mark.skipif(
    not HAS_MMPOSE,
    reason='needs the full OpenMMLab environment: run '
    'tools/misc/setup_mmpose_env.sh and pytest in .venv-mmpose/')

MEAN, STD = [123.675, 116.28, 103.53], [58.395, 57.12, 57.375]
CODEC = dict(
    type='MSRAHeatmap', input_size=(48, 64), heatmap_size=(12, 16), sigma=2)
POSE_CFG = dict(
    default_scope='mmpose',
    model=dict(
        type='TopdownPoseEstimator',
        data_preprocessor=dict(
            type='PoseDataPreprocessor', mean=MEAN, std=STD, bgr_to_rgb=True),
        backbone=dict(type='ResNet', depth=18, out_indices=(3, )),
        head=dict(
            type='HeatmapHead',
            in_channels=512,
            out_channels=17,
            deconv_out_channels=(32, ),
            deconv_kernel_sizes=(4, ),
            loss=dict(type='KeypointMSELoss', use_target_weight=True),
            decoder=CODEC),
        test_cfg=dict(flip_test=False)),
    test_dataloader=dict(
        dataset=dict(pipeline=[
            dict(type='LoadImage'),
            dict(type='GetBBoxCenterScale'),
            dict(type='TopdownAffine', input_size=(48, 64)),
            dict(type='PackPoseInputs')
        ])))
DET_CFG = dict(
    default_scope='mmdet',
    model=dict(
        type='RetinaNet',
        data_preprocessor=dict(
            type='DetDataPreprocessor',
            mean=MEAN,
            std=STD,
            bgr_to_rgb=True,
            pad_size_divisor=32),
        backbone=dict(
            type='ResNet',
            depth=18,
            num_stages=4,
            out_indices=(1, 2, 3),
            norm_eval=True,
            style='pytorch'),
        neck=dict(
            type='FPN',
            in_channels=[128, 256, 512],
            out_channels=32,
            start_level=0,
            add_extra_convs='on_input',
            num_outs=3),
        bbox_head=dict(
            type='RetinaHead',
            num_classes=1,
            in_channels=32,
            stacked_convs=1,
            feat_channels=32,
            anchor_generator=dict(
                type='AnchorGenerator',
                octave_base_scale=4,
                scales_per_octave=1,
                ratios=[1.0],
                strides=[8, 16, 32]),
            bbox_coder=dict(
                type='DeltaXYWHBBoxCoder',
                target_means=[0., 0., 0., 0.],
                target_stds=[1., 1., 1., 1.]),
            loss_cls=dict(type='FocalLoss', use_sigmoid=True),
            loss_bbox=dict(type='L1Loss')),
        test_cfg=dict(
            nms_pre=50,
            min_bbox_size=0,
            score_thr=0.0,
            nms=dict(type='nms', iou_threshold=0.5),
            max_per_img=3)),
    test_dataloader=dict(
        dataset=dict(
            type='CocoDataset',
            metainfo=dict(classes=('person', )),
            pipeline=[
                dict(type='LoadImageFromNDArray'),
                dict(type='Resize', scale=(96, 96), keep_ratio=True),
                dict(
                    type='PackDetInputs',
                    meta_keys=('img_id', 'img_path', 'ori_shape', 'img_shape',
                               'scale_factor'))
            ])))


@pytest.mark.skipif(HAS_MMPOSE, reason='mmpose is installed here')
def test_missing_environment_names_what_to_install():
    with pytest.raises(ImportError, match='setup_mmpose_env.sh'):
        build_pose_estimator(dict(type='MMPoseTopDown', pose_config={}))


@pytest.mark.mmpose
@needs_mmpose
def test_detector_and_pose_model_from_config_dicts(tmp_path):
    import torch
    from mmdet.apis import init_detector
    from mmengine.config import Config
    from mmpose.apis import init_model
    torch.manual_seed(0)
    # a checkpoint the test writes: the pose model, randomly initialised
    checkpoint = str(tmp_path / 'pose.pth')
    model = init_model(Config(POSE_CFG), device='cpu')
    torch.save({'state_dict': model.state_dict()}, checkpoint)
    detector = init_detector(Config(DET_CFG), device='cpu')
    det_checkpoint = str(tmp_path / 'det.pth')
    torch.save({'state_dict': detector.state_dict()}, det_checkpoint)
    estimator = build_pose_estimator(
        dict(
            type='MMPoseTopDown',
            pose_config=POSE_CFG,
            pose_checkpoint=checkpoint,
            det_config=DET_CFG,
            det_checkpoint=det_checkpoint,
            bbox_thr=0.0))
    frame = np.random.default_rng(0).integers(
        0, 255, (90, 120, 3), dtype=np.uint8)
    poses = estimator(frame)
    assert 1 <= poses.num_persons <= 3 and poses.layout == 'coco17'
    assert poses.keypoints.shape == (poses.num_persons, 17, 2)
    assert ((poses.scores >= 0) & (poses.scores <= 1)).all()
    assert np.isfinite(poses.keypoints).all()
    # top-down: each person's keypoints lie in the crop the model saw,
    # its box padded by 1.25 and widened to the input's 48:64 aspect (to
    # within 1.5 cells of the 12x16 heatmap: the decoder's sub-pixel shift)
    for kp, (x1, y1, x2, y2) in zip(poses.keypoints, poses.bboxes):
        w, h = 1.25 * (x2 - x1), 1.25 * (y2 - y1)
        w, h = max(w, 0.75 * h), max(h, w / 0.75)
        centre = np.array([x1 + x2, y1 + y2]) / 2
        cell = 1.5 * np.array([w / 12, h / 16])
        assert (np.abs(kp - centre) <= np.array([w, h]) / 2 + cell).all(), (
            kp.min(0), kp.max(0), (x1, y1, x2, y2))
    # without a detector the whole frame is the person's box
    whole = build_pose_estimator(
        dict(type='MMPoseTopDown', pose_config=POSE_CFG))(
            frame)
    assert np.array_equal(whole.bboxes, [[0, 0, 120, 90]])
    with pytest.raises(ValueError, match='17 keypoints'):
        build_pose_estimator(
            dict(
                type='MMPoseTopDown',
                pose_config=POSE_CFG,
                layout='kinect_v1_20'))
