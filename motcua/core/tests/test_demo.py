import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import override_settings

from motcua.accounts.models import User

pytestmark = pytest.mark.django_db

DEMO_USERS = {
    "admin": "admin",
    "lanhdao": "head",
    "chuyenvien": "specialist",
    "motcua": "officer",
    "truong": "school",
    "congdan": "citizen",
}


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"organization", "accounts", "catalog"}
    }


def test_load_demo_twice_changes_nothing(capsys):
    call_command("load_demo")
    first = _counts()
    call_command("load_demo")
    assert _counts() == first
    out = capsys.readouterr().out
    for username in DEMO_USERS:
        assert username in out


def test_demo_has_one_account_per_role_with_the_demo_password():
    call_command("load_demo")
    for username, role in DEMO_USERS.items():
        user = User.objects.get(username=username)
        assert user.role == role
        assert user.check_password("motcua-demo")
    citizen = User.objects.get(username="congdan")
    assert len(citizen.citizen_id) == 12
    assert User.objects.get(username="admin").is_superuser
    schools = User.objects.get(username="truong").units.get()
    assert schools.level.is_school
    department = User.objects.get(username="chuyenvien").units.get()
    assert 5 <= type(department).objects.get_children(department).count() <= 8


@override_settings(PRODUCTION=True)
def test_load_demo_refuses_in_production():
    with pytest.raises(CommandError):
        call_command("load_demo")
    assert not User.objects.exists()
