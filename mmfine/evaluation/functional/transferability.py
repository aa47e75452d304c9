"""Motion transferability (seed 003; METHODS.md section 4): how much of
the accuracy on known contexts survives on unknown ones."""
from typing import Dict


def transfer_metrics(known: float, unknown: float) -> Dict[str, float]:
    """Accuracies (in %) on the known and unknown sets, and

    * ``D_abs = K - U``, the drop in points;
    * ``D_rel = (K - U) / K * 100``, the drop relative to the known
      accuracy (our definition: the paper's body was not available; NaN
      when K is 0);
    * ``HM = 2 K U / (K + U)``, the harmonic mean (0 when both are 0).
    """
    for name, value in (('known', known), ('unknown', unknown)):
        if not 0 <= value <= 100:
            raise ValueError(f'{name} accuracy must be a percentage in '
                             f'[0, 100], got {value}')
    k, u = float(known), float(unknown)
    return dict(
        known=k,
        unknown=u,
        D_abs=k - u,
        D_rel=(k - u) / k * 100 if k > 0 else float('nan'),
        HM=2 * k * u / (k + u) if k + u > 0 else 0.0)
