"""Several augmented views of one decoded clip (the weak/strong pair of
FixMatch-style training)."""
import copy
from typing import Dict, List

from mmcv.transforms import BaseTransform, Compose

from mmaction.registry import TRANSFORMS


@TRANSFORMS.register_module()
class MultiView(BaseTransform):
    """Run each view's pipeline on its own copy of the results and pack the
    views together: ``inputs`` becomes ``{view: tensor}`` and
    ``data_samples`` the first view's (labels and metainfo are the same
    for every view).

    Put it after the shared part (sampling and decoding, done once); each
    view's pipeline ends with ``PackActionInputs``.

    Args:
        views (dict[str, list[dict]]): ``{name: [transforms]}``, e.g.
            ``weak`` and ``strong``; at least one view.
    """

    def __init__(self, views: Dict[str, List[Dict]]) -> None:
        if not views:
            raise ValueError('MultiView needs at least one view')
        self.views = {
            name: Compose(pipeline)
            for name, pipeline in views.items()
        }

    def transform(self, results: Dict) -> Dict:
        packed = {}
        for name, pipeline in self.views.items():
            view = copy.copy(results)
            if 'imgs' in view:  # some transforms (Flip) work in place
                view['imgs'] = [img.copy() for img in view['imgs']]
            out = pipeline(view)
            if out is None or 'inputs' not in out:
                raise ValueError(f'view {name!r} must end with '
                                 'PackActionInputs')
            packed[name] = out
        first = next(iter(packed.values()))
        return dict(
            inputs={
                name: out['inputs']
                for name, out in packed.items()
            },
            data_samples=first['data_samples'])
