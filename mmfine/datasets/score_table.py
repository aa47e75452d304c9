"""Score label files of AQA datasets: Rhythmic Gymnastics, Fis-V, CSV."""
from typing import Dict, Iterable, List, Tuple

#: label format -> its columns in file order (the first names the video)
LABEL_FORMATS: Dict[str, Tuple[str, ...]] = dict(
    rg=('Video_Name', 'Difficulty', 'Execution', 'Total', 'Penalty',
        'Video_length'),
    fisv=('id', 'TES', 'PCS', 'Deductions'),
    csv=('video', 'score'))


def _fields(line: str) -> List[str]:
    sep = ',' if ',' in line else None
    return [f.strip() for f in line.strip().split(sep)]


def read_score_table(path: str, label_format: str,
                     score_column: str) -> List[Tuple[str, float]]:
    """``[(video, score)]`` from a label file.

    The file is comma-, tab- or space-separated. A first row that starts
    with the format's first column name (any case) is a header and names
    the columns; otherwise the columns are the format's, in order
    (``LABEL_FORMATS``: RG ``Video_Name, Difficulty, Execution, Total,
    Penalty, Video_length``; Fis-V ``id, TES, PCS, Deductions``; CSV
    ``video, score``).

    Args:
        path (str): The label file.
        label_format (str): ``'rg'``, ``'fisv'`` or ``'csv'``.
        score_column (str): The column to learn, e.g. ``'Total'``, ``'TES'``.

    Returns:
        list[tuple[str, float]]: Video names (the first column) and scores.
    """
    if label_format not in LABEL_FORMATS:
        raise ValueError(f'unknown label_format {label_format!r}; known: '
                         f'{sorted(LABEL_FORMATS)}')
    with open(path) as f:
        rows = [(i + 1, _fields(line)) for i, line in enumerate(f)
                if line.strip()]
    if not rows:
        raise ValueError(f'{path}: the label file is empty')
    columns = list(LABEL_FORMATS[label_format])
    if rows[0][1][0].lower() == columns[0].lower():
        columns = rows.pop(0)[1]
    lowered = [c.lower() for c in columns]
    if score_column.lower() not in lowered:
        raise KeyError(f'{path}: no score column {score_column!r} (columns: '
                       f'{columns})')
    score_at = lowered.index(score_column.lower())
    table = []
    for line_no, fields in rows:
        if len(fields) <= score_at:
            raise ValueError(f'{path}, line {line_no}: {len(fields)} columns,'
                             f' {score_column!r} is column {score_at + 1}')
        try:
            score = float(fields[score_at])
        except ValueError:
            raise ValueError(f'{path}, line {line_no}: {score_column} '
                             f'{fields[score_at]!r} is not a number') from None
        table.append((fields[0], score))
    return table


def write_score_table(path: str, rows: Iterable[Tuple[str, float]]) -> None:
    """Write ``(video, score)`` rows as the ``csv`` format with its header
    (``video,score``, scores to 4 decimals), atomically."""
    from mmfine.utils import atomic_write_bytes
    lines = ['video,score'] + [f'{video},{score:.4f}' for video, score in rows]
    atomic_write_bytes(('\n'.join(lines) + '\n').encode(), path)
