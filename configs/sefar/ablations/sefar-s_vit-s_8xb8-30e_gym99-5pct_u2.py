# Adaptive Regulation with U = 2 teacher predictions (dropout draws of the
# head on one backbone pass) instead of 10, SeFAR-S on Gym99 5%.
_base_ = ['../sefar-s_vit-s_8xb8-30e_gym99-5pct.py']
model = dict(num_teacher_predictions=2)
