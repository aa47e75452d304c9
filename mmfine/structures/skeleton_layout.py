"""Named skeleton joint layouts: joints, bones, centre, flip pairs, body
regions."""
from collections import deque
from dataclasses import dataclass, field
from typing import Dict, List, Sequence, Tuple

REGIONS = ('head', 'torso', 'left_arm', 'right_arm', 'left_leg', 'right_leg')

_HEAD_WORDS = ('nose', 'eye', 'ear', 'mouth', 'head')
_TORSO_WORDS = ('shoulder', 'hip', 'neck', 'spine', 'pelvis', 'thorax')
_ARM_WORDS = ('elbow', 'wrist', 'hand', 'thumb', 'index', 'pinky')
_LEG_WORDS = ('knee', 'ankle', 'foot', 'heel', 'toe')


def region_of(joint: str) -> str:
    """Body region of a joint, from its name.

    Shoulders and hips belong to the torso, so that every layout (COCO-17
    included) has six non-empty regions; ``foot_index`` is a leg joint.
    """
    side = 'left_' if joint.startswith('left') else \
        'right_' if joint.startswith('right') else ''
    if any(w in joint for w in _LEG_WORDS):
        return side + 'leg'
    if any(w in joint for w in _HEAD_WORDS):
        return 'head'
    if any(w in joint for w in _TORSO_WORDS):
        return 'torso'
    if any(w in joint for w in _ARM_WORDS):
        return side + 'arm'
    raise ValueError(f'joint name {joint!r} matches no body region')


@dataclass(frozen=True)
class SkeletonLayout:
    """A joint layout.

    Args:
        name: registry name, e.g. ``'coco17'``.
        joints: joint names in keypoint order (``left_*``/``right_*`` sided).
        edges: bones as index pairs; they must form a tree over all joints.
        center: index of the root joint (graph centre, normalisation origin).
        description: where the layout comes from.
    """
    name: str
    joints: Tuple[str, ...]
    edges: Tuple[Tuple[int, int], ...]
    center: int
    description: str = ''
    _depth: Tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        n = len(self.joints)
        if len(set(self.joints)) != n:
            raise ValueError(f'{self.name}: duplicate joint names')
        if not 0 <= self.center < n:
            raise ValueError(f'{self.name}: centre {self.center} out of range')
        if len(self.edges) != n - 1:
            raise ValueError(f'{self.name}: {len(self.edges)} edges for {n} '
                             'joints; bones must form a tree')
        neighbours: List[List[int]] = [[] for _ in range(n)]
        for i, j in self.edges:
            if not (0 <= i < n and 0 <= j < n) or i == j:
                raise ValueError(f'{self.name}: invalid edge ({i}, {j})')
            neighbours[i].append(j)
            neighbours[j].append(i)
        depth = [-1] * n
        depth[self.center] = 0
        queue = deque([self.center])
        while queue:
            u = queue.popleft()
            for v in neighbours[u]:
                if depth[v] < 0:
                    depth[v] = depth[u] + 1
                    queue.append(v)
        if min(depth) < 0:
            unreached = [self.joints[i] for i in range(n) if depth[i] < 0]
            raise ValueError(f'{self.name}: joints {unreached} are not '
                             'connected to the centre')
        for name in self.joints:
            region_of(name)
        object.__setattr__(self, '_depth', tuple(depth))

    @property
    def num_joints(self) -> int:
        return len(self.joints)

    def index(self, joint: str) -> int:
        try:
            return self.joints.index(joint)
        except ValueError:
            raise KeyError(f'layout {self.name!r} has no joint {joint!r}; '
                           f'joints: {list(self.joints)}') from None

    @property
    def inward(self) -> List[Tuple[int, int]]:
        """Bones as ``(child, parent)``, the parent being nearer the centre."""
        d = self._depth
        return [(i, j) if d[i] > d[j] else (j, i) for i, j in self.edges]

    @property
    def parents(self) -> List[int]:
        """Parent of each joint (the centre is its own parent)."""
        parent = list(range(self.num_joints))
        for child, par in self.inward:
            parent[child] = par
        return parent

    @property
    def flip_pairs(self) -> List[Tuple[int, int]]:
        """``(left, right)`` index pairs matched by name."""
        pairs = []
        for i, name in enumerate(self.joints):
            if name.startswith('left'):
                twin = 'right' + name[len('left'):]
                if twin in self.joints:
                    pairs.append((i, self.joints.index(twin)))
        return pairs

    @property
    def flip_index(self) -> List[int]:
        """Permutation that swaps left and right joints."""
        perm = list(range(self.num_joints))
        for left, right in self.flip_pairs:
            perm[left], perm[right] = right, left
        return perm

    @property
    def regions(self) -> Dict[str, List[int]]:
        """Joint indices of each body region in ``REGIONS``."""
        out: Dict[str, List[int]] = {r: [] for r in REGIONS}
        for i, name in enumerate(self.joints):
            out[region_of(name)].append(i)
        return out

    def graph_layout(self) -> dict:
        """The dict MMAction2's ``Graph(layout=...)`` accepts."""
        return dict(
            num_node=self.num_joints, inward=self.inward, center=self.center)

    def subset(self, joints: Sequence[str]) -> List[int]:
        return [self.index(j) for j in joints]
