# CoFInAl on Video Swin-B clip features (D_C 1024, D_P 512, D_S 256, P 5).
model = dict(
    type='FeatureAssessor',
    head=dict(
        type='CoFInAlHead',
        in_channels=1024,
        procedure_channels=512,
        grade_channels=256,
        num_procedures=5,
        num_grades=4,
        num_subgrades=10,
        dropout=0.3))
