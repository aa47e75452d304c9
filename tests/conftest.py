"""Markers and session fixtures; test helpers live in ``mmfine.testing``."""
import pytest

# the shared helpers that assert (check_converted) report like test code
pytest.register_assert_rewrite('mmfine.testing')


def pytest_configure(config):
    config.addinivalue_line(
        'markers', 'realdata: needs the real datasets in ../shared/data '
        '(or $MMFINE_SHARED_DATA)')
    config.addinivalue_line('markers', 'slow: takes more than ~20 s')
    config.addinivalue_line(
        'markers', 'mmpose: needs the full OpenMMLab environment '
        '(tools/misc/setup_mmpose_env.sh; skips elsewhere)')


@pytest.fixture(autouse=True, scope='session')
def mmaction_scope():
    """Registries resolve names in MMAction2's scope, as configs do."""
    from mmengine.registry import init_default_scope

    import mmfine  # noqa: F401
    init_default_scope('mmaction')
