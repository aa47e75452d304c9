from mmfine.compat import drn_localizer
from mmfine.testing import run_python


def test_mmaction_models_fails_without_the_stand_in():
    result = run_python('import mmaction.models')
    if drn_localizer.drn_is_missing():
        assert result.returncode != 0
        assert 'mmaction.models.localizers.drn' in result.stderr
    else:  # upstream fixed: the stand-in must stay out of the way
        assert result.returncode == 0


def test_stand_in_makes_mmaction_models_importable():
    result = run_python('''
        import mmfine
        acted = mmfine.compat.APPLIED['drn_localizer']
        import mmaction.models
        from mmaction.models.localizers import DRN
        print(acted, DRN.__module__)
        try:
            DRN()
        except ImportError as e:
            print('error:', e)
    ''')
    assert result.returncode == 0, result.stderr
    if drn_localizer.drn_is_missing():
        assert result.stdout.startswith('True mmfine.compat.drn_localizer')
        assert 'upstream issue 2714' in result.stdout


def test_does_nothing_when_upstream_is_fixed(monkeypatch):
    monkeypatch.setattr(drn_localizer, 'drn_is_missing', lambda: False)
    monkeypatch.delitem(__import__('sys').modules, drn_localizer.MODULE,
                        raising=False)
    assert drn_localizer.apply() is False
