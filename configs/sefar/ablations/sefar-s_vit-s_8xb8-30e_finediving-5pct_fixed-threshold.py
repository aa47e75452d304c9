# Fig. 4 (middle) and Table 6 ablation, SeFAR-S on FineDiving 5% without
# Adaptive Regulation: pseudo-labels kept when the teacher's confidence
# (one deterministic prediction) reaches a fixed threshold; the figure's
# sweep: --cfg-options model.threshold=0.5 / 0.8 / 0.95.
_base_ = ['../sefar-s_vit-s_8xb8-30e_finediving-5pct.py']
model = dict(weighting='threshold', threshold=0.7, num_teacher_predictions=1)
