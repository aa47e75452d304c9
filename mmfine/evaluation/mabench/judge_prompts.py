"""The LLM-as-judge prompts of MA-Bench's open tasks (seed 004, Figures
S6 and S7; the paper's Figure S6 calls MADU "MMDU")."""

MADU_JUDGE_PROMPT = '\n'.join([
    ('In the Micro-Action Descriptive Understanding (MADU) task, we '
     'evaluate consistency between the model-generated description and'
     ' the ground-truth from semantic, spatial, and temporal '
     'perspectives. For each level (L1, L2, L3), assign an integer '
     'score from 0 to 5, where 0 means completely incorrect or missing'
     ' and 5 means fully accurate and consistent.'),
    '',
    '* L1. Behavioral Semantic Alignment (0-5)',
    ('  Evaluate whether the model accurately reproduces the core '
     'behavioral semantics of the action, including:'),
    '  * dominant body parts,',
    '  * primary action type (micro-motion label),',
    '  * lead-follow relationships between parts,',
    '  * motion tendency (continuous, repetitive, or single).',
    '',
    '* L2. Spatial-Topological Fidelity (0-5)',
    ('  Evaluate the correctness of spatial directionality and '
     'positional relations in the description, including:'),
    '  * directions (left/right, up/down, front/back, far/near),',
    ('  * relations w.r.t. body midline or torso (e.g., toward/away '
     'from torso, crossing midline).'),
    '',
    '* L3. Temporal-Structural Coherence (0-5)',
    ('  Evaluate whether the temporal structure and rhythm of the '
     'action are preserved, including:'),
    '  * clear action phases (initiation, transition, stabilization),',
    '  * correct temporal order of sub-motions,',
    '  * consistent rhythmic pattern (continuous, intermittent, repetitive)',
    '',
    ("For each response, output three scores: 'L1_score', 'L2_score', "
     "and 'L3_score', each in [0, 5]."),
])

MARE_JUDGE_PROMPT = '\n'.join([
    ('In the Micro-Action Reasoning and Explanation (MARE) task, we '
     'evaluate model reliability along three dimensions: L1, L2, and '
     'L3. For each dimension, assign an integer score from 0 to 5, '
     'where 0 means completely incorrect or missing and 5 means fully '
     'correct and consistent.'),
    '',
    '* L1. Coarse-Grained Label Accuracy (0-5)',
    ('  Evaluate whether the model correctly identifies the primary '
     'body parts involved in the action, captures their hierarchical '
     'relationships (e.g., which part is primary/secondary in '
     'contact), and avoids ambiguous or mixed body-part descriptions.'),
    '',
    '* L2. Fine-Grained Label Accuracy (0-5)',
    ('  Evaluate whether the model correctly recognizes the micro-'
     'action category, including motion tendency (single / continuous '
     '/ reciprocal), contact attributes, directionality, and object '
     'participation, and whether it distinguishes similar action types'
     ' without semantic confusion.'),
    '',
    '* L3. Causal Reasoning Consistency (0-5)',
    ('  Evaluate whether the model forms a coherent observation-'
     'reasoning-conclusion chain, using observable cues (body parts, '
     'direction, motion trend, contact, temporal pattern) to support '
     'its labels, without internal logical contradictions.'),
    '',
    ("For each response, output three scores: 'L1_score', 'L2_score', "
     "and 'L3_score', each in [0, 5]."),
])

JUDGE_PROMPTS = dict(MADU=MADU_JUDGE_PROMPT, MARE=MARE_JUDGE_PROMPT)
