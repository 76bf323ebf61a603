"""The criteria are configuration seeded with DOMAIN.md §8 and edited in the admin."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from motcua.scorecard.models import Criterion

pytestmark = pytest.mark.django_db


def test_the_seed_has_domain_groups_and_maxima():
    groups: dict[int, Decimal] = {}
    for c in Criterion.objects.all():
        groups[c.group] = groups.get(c.group, Decimal("0")) + c.max_points
    assert groups == {1: 18, 2: 20, 3: 12, 4: 10, 5: 22, 6: 18}
    assert Criterion.objects.get(code="6.3").threshold == Decimal("90")
    not_applicable = set(Criterion.objects.filter(applicable=False).values_list("code", flat=True))
    assert not_applicable == {"1.1", "1.2", "5.3", "5.6", "5.7"}
    assert all(c.reason for c in Criterion.objects.filter(applicable=False))


def test_a_threshold_outside_0_to_100_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        Criterion.objects.filter(code="2.1").update(threshold=Decimal("120"))


def test_the_admin_edits_thresholds_and_applicability(admin_client):
    page = admin_client.get("/admin/scorecard/criterion/")
    assert page.status_code == 200 and "Tỷ lệ hồ sơ xử lý trước hạn" in page.content.decode()
    criterion = Criterion.objects.get(code="3.1")
    response = admin_client.post(
        f"/admin/scorecard/criterion/{criterion.pk}/change/",
        {
            "code": "3.1",
            "group": 3,
            "group_name": criterion.group_name,
            "name": criterion.name,
            "description": criterion.description,
            "order": criterion.order,
            "max_points": "12",
            "threshold": "80",
            "applicable": "on",
            "reason": "",
        },
    )
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.threshold == Decimal("80") and not criterion.is_assumption
    assert (
        admin_client.post(f"/admin/scorecard/criterion/{criterion.pk}/delete/").status_code == 403
    )
