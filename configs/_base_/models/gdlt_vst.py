# The GDLT-style baseline on Video Swin-B clip features (Xu et al. 2022:
# width 256, 1 encoder and 2 decoder layers, 4 grade queries).
model = dict(
    type='FeatureAssessor',
    head=dict(
        type='GDLTHead',
        in_channels=1024,
        channels=256,
        num_heads=1,
        num_encoder_layers=1,
        num_decoder_layers=2,
        num_queries=4,
        dropout=0.3))
