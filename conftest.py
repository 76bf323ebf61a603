"""Shared fixtures: units and one user per role, built through the services."""

import pytest

from motcua.accounts.models import Role
from motcua.accounts.services import staff_create
from motcua.organization.models import UnitLevel
from motcua.organization.services import unit_create


@pytest.fixture
def levels(db):
    return {
        "province": UnitLevel.objects.create(code="province", name="Tỉnh", rank=1),
        "district": UnitLevel.objects.create(code="district", name="Huyện", rank=2),
        "department": UnitLevel.objects.create(code="department", name="Phòng", rank=3),
        "school": UnitLevel.objects.create(code="school", name="Trường", rank=4, is_school=True),
    }


@pytest.fixture
def units(levels):
    province = unit_create(name="UBND Thành phố", level=levels["province"], code="000.00.00.H29")
    district = unit_create(
        name="UBND Quận 11", level=levels["district"], parent=province, code="000.00.11.H29"
    )
    department = unit_create(
        name="Phòng GD&ĐT", level=levels["department"], parent=district, code="000.00.21.H29"
    )
    school = unit_create(name="Trường THCS A", level=levels["school"], parent=department)
    other = unit_create(
        name="UBND Quận 5", level=levels["district"], parent=province, code="000.00.05.H29"
    )
    return {
        "province": province,
        "district": district,
        "department": department,
        "school": school,
        "other": other,
    }


@pytest.fixture
def make_staff(units):
    def make(role: str = Role.SPECIALIST, username: str = "staff", unit=None):
        return staff_create(
            username=username,
            full_name=username.title(),
            role=role,
            password="motcua-test-pw",
            units=[unit or units["department"]],
        )

    return make


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttles count in the cache: each test starts with none spent."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """A page asked in English leaves English active in the test's thread (the middleware
    does not switch back): every test starts and ends in Vietnamese."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session", autouse=True)
def signing_certificate(tmp_path_factory):
    """Approving a dossier signs its electronic result: every test signs with an agency
    certificate from a local CA made once in a temporary folder (valid 2020–2040, so the
    tests' fixed instants fall inside it)."""
    from datetime import UTC, datetime

    from django.test import override_settings

    from motcua.documents.signing import create_local_certificates

    directory = tmp_path_factory.mktemp("signing")
    password = "motcua-test-signing"
    made = create_local_certificates(
        directory, password=password, valid_from=datetime(2020, 1, 1, tzinfo=UTC), days=20 * 365
    )
    with override_settings(
        SIGNING_DIR=directory,
        MOTCUA_SIGNING_P12=made.p12,
        MOTCUA_SIGNING_PASSWORD=password,
        MOTCUA_SIGNING_TRUST_ROOTS=[made.ca],
    ):
        yield made
