from datetime import timedelta

import pytest

from motcua.dossiers.tests.conftest import TRANSFER, vn  # noqa: F401
from motcua.dossiers.tests.test_services_dossier import act, walk_to_head

# The demo loaded once per module (feedback's fixture): these tests only read it.
from motcua.feedback.tests.conftest import _demo_once, demo, submit, users  # noqa: F401


@pytest.fixture(autouse=True)
def _no_kick(settings):
    """Deliver only when a test says so (no task enqueued at each commit)."""
    settings.MOTCUA_PORTAL = {**settings.MOTCUA_PORTAL, "URL": "local", "DELIVER_ON_COMMIT": False}


@pytest.fixture
def lifecycle(submit, users):  # noqa: F811
    """A dossier from online submission to the returned result (granted, early)."""

    def make():
        dossier = walk_to_head(submit(), users, vn(2026, 3, 2, 8, 0))
        act(dossier, users["lanhdao"], "approve", vn(2026, 3, 2, 16))
        act(dossier, users["motcua"], "return-result", vn(2026, 3, 3, 8), return_method="desk")
        dossier.refresh_from_db()
        return dossier

    return make


LATER = timedelta(hours=2)
