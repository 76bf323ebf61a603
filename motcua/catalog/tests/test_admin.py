"""The catalog admin: drafts editable, published read-only, actions through the services."""

import pytest
from django.forms import inlineformset_factory

from motcua.catalog.admin import ProcessStepFormSet
from motcua.catalog.models import Procedure, ProcedureStatus, ProcessStep
from motcua.catalog.services import procedure_create

pytestmark = pytest.mark.django_db


def test_admin_pages_render(admin_client, publish, make_data):
    published = publish()
    draft = procedure_create(data=make_data(code="1.000004"))
    for url in [
        "/admin/catalog/field/",
        "/admin/catalog/procedure/",
        "/admin/catalog/procedure/add/",
        f"/admin/catalog/procedure/{published.pk}/change/",
        f"/admin/catalog/procedure/{draft.pk}/change/",
    ]:
        assert admin_client.get(url).status_code == 200, url


def test_a_published_version_is_read_only_in_the_admin(admin_client, publish, make_data):
    published = publish()
    draft = procedure_create(data=make_data(code="1.000004"))
    published_html = admin_client.get(
        f"/admin/catalog/procedure/{published.pk}/change/"
    ).content.decode()
    draft_html = admin_client.get(f"/admin/catalog/procedure/{draft.pk}/change/").content.decode()
    assert 'name="name"' not in published_html and 'name="name"' in draft_html
    assert 'name="components-TOTAL_FORMS"' in draft_html


def test_admin_search_ignores_diacritics(admin_client, publish):
    publish()
    html = admin_client.get("/admin/catalog/procedure/", {"q": "cap ban sao"}).content.decode()
    assert "1.005092.000.00.00.H29" in html


def test_admin_actions_make_a_new_version_then_publish_it(admin_client, publish):
    published = publish()
    response = admin_client.post(
        "/admin/catalog/procedure/",
        {"action": "make_new_version", "_selected_action": [published.pk]},
        follow=True,
    )
    assert "Đã tạo 1 bản dự thảo mới." in response.content.decode()
    draft = Procedure.objects.get(code=published.code, version=2)
    response = admin_client.post(
        "/admin/catalog/procedure/",
        {"action": "publish", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "Đã công bố 1 thủ tục." in response.content.decode()
    published.refresh_from_db()
    draft.refresh_from_db()
    assert (published.status, draft.status) == (ProcedureStatus.RETIRED, ProcedureStatus.PUBLISHED)


def test_admin_action_reports_a_refusal(admin_client, publish):
    published = publish()
    response = admin_client.post(
        "/admin/catalog/procedure/",
        {"action": "publish", "_selected_action": [published.pk]},
        follow=True,
    )
    assert "Chỉ công bố được phiên bản đang dự thảo." in response.content.decode()


def test_admin_process_steps_must_add_up_to_the_time_limit(make_data):
    draft = procedure_create(data=make_data(process_steps=()))
    FormSet = inlineformset_factory(
        Procedure,
        ProcessStep,
        formset=ProcessStepFormSet,
        fields=["order", "name", "role", "unit", "hours"],
        extra=0,
    )
    data = {"process_steps-TOTAL_FORMS": "2", "process_steps-INITIAL_FORMS": "0"}
    for i, hours in enumerate(["8", "16"]):
        data |= {
            f"process_steps-{i}-order": str(i + 1),
            f"process_steps-{i}-name": "Bước",
            f"process_steps-{i}-role": "specialist",
            f"process_steps-{i}-hours": hours,
        }
    formset = FormSet(data, instance=draft, prefix="process_steps")
    assert not formset.is_valid()
    assert "phải bằng thời hạn giải quyết × 8 = 40 giờ" in str(formset.non_form_errors())
    data["process_steps-1-hours"] = "32"
    assert FormSet(data, instance=draft, prefix="process_steps").is_valid()
