"""The ``path label`` lines of MMAction2 video lists, read one way by the
tools that rewrite lists (semi-supervised splits, the authors' split
import, direction-pair subsets)."""
from typing import Optional, Tuple


def parse_list_line(line: str, where: str) -> Optional[Tuple[str, int]]:
    """``(path, label)`` of one ``path label`` line, None for a blank one.

    Args:
        line (str): The line, fields separated by white space.
        where (str): Where the line is (e.g. ``'list.txt:3'`` or ``'line
            3'``), the start of every error message.

    Raises:
        ValueError: Not exactly two fields, or a label that is not an
            integer.
    """
    fields = line.split()
    if not fields:
        return None
    if len(fields) != 2:
        raise ValueError(f'{where}: expected "path label", got '
                         f'{line.strip()!r}')
    try:
        return fields[0], int(fields[1])
    except ValueError:
        raise ValueError(f'{where}: label {fields[1]!r} is not an '
                         'integer') from None
