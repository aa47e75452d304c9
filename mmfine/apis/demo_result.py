"""What a method's demo hands to the main job (``tools/run_demo.py``)."""
from typing import Dict, List, NamedTuple


class DemoResult(NamedTuple):
    """One method's demo outcome.

    Args:
        method (str): The method's name, e.g. ``'FineTec'``.
        table (rich.table.Table): Its full results table.
        headline (dict[str, str]): The figures the summary shows, label to
            formatted value, in order.
        plots (list[str]): Paths of the figures it wrote.
    """
    method: str
    table: object
    headline: Dict[str, str]
    plots: List[str]
