"""The catalog travels as one JSON file: export → import into an empty catalog → export
gives the same JSON, form templates included."""

import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from motcua.catalog.models import Field, Procedure, ProcedureComponent
from motcua.catalog.services import (
    EXPORT_FORMAT,
    ComponentData,
    catalog_export,
    catalog_import,
    procedure_create,
    procedure_new_version,
    procedure_publish,
    procedure_update,
)
from motcua.core.exceptions import InvalidInput

pytestmark = pytest.mark.django_db


def _empty_catalog() -> None:
    Procedure.objects.all().delete()
    Field.objects.all().delete()


@pytest.fixture
def varied_catalog(demo_catalog, make_data, publish):
    """The demo catalog, a retired + published pair, a draft, and an uploaded form."""
    form = default_storage.save("catalog/forms/to-khai.pdf", ContentFile(b"%PDF-1.7 to khai"))
    first = publish(
        code="1.000100",
        components=(ComponentData(name="Tờ khai", copies_original=1, form_template=form),),
    )
    second = procedure_publish(procedure=procedure_new_version(procedure=first))
    draft = procedure_new_version(procedure=second)
    procedure_update(procedure=draft, data=make_data(code="1.000100", name="Bản dự thảo"))
    procedure_create(
        data=make_data(code="1.000200", applicants="", time_limit_days=None, process_steps=())
    )
    return form


def test_export_then_import_into_an_empty_catalog_gives_the_same_json(varied_catalog):
    exported = catalog_export()
    assert exported["format"] == EXPORT_FORMAT
    total = Procedure.objects.count()
    assert total > 10 and len(exported["procedures"]) == total
    _empty_catalog()
    default_storage.delete(varied_catalog)  # the file's bytes must come from the export

    result = catalog_import(data=json.loads(json.dumps(exported)))

    assert len(result.procedures_created) == total and result.procedures_skipped == []
    assert catalog_export() == exported
    component = ProcedureComponent.objects.get(procedure__code="1.000100", procedure__version=2)
    assert component.form_template.name == varied_catalog
    with component.form_template.open("rb") as handle:
        assert handle.read() == b"%PDF-1.7 to khai"


def test_import_leaves_existing_versions_alone(varied_catalog):
    exported = catalog_export()
    result = catalog_import(data=exported)
    assert result.procedures_created == []
    assert len(result.procedures_skipped) == Procedure.objects.count()
    assert catalog_export() == exported


def test_import_is_all_or_nothing(varied_catalog):
    exported = catalog_export()
    _empty_catalog()
    exported["procedures"][-1]["handling_unit"] = {"code": "999.99.99.H99", "name": "Không có"}
    with pytest.raises(InvalidInput) as exc:
        catalog_import(data=exported)
    assert "999.99.99.H99" in exc.value.message
    assert not Procedure.objects.exists() and not Field.objects.exists()


def test_import_refuses_another_format():
    with pytest.raises(InvalidInput):
        catalog_import(data={"format": "other", "procedures": []})


def test_management_commands_round_trip(varied_catalog, tmp_path):
    path = tmp_path / "catalog.json"
    call_command("catalog_export", "--output", str(path))
    before = path.read_text(encoding="utf-8")
    assert "Cấp bản sao văn bằng" in before  # written as UTF-8, not \\u escapes
    _empty_catalog()
    call_command("catalog_import", str(path))
    call_command("catalog_export", "--output", str(path))
    assert path.read_text(encoding="utf-8") == before


def test_document_types_and_accepted_kinds_round_trip(demo_catalog):
    """The demo's components name document types and its procedures the e-result's type:
    both travel with the catalog, the types themselves included."""
    from motcua.catalog.models import DocumentType

    exported = catalog_export()
    transfer = next(p for p in exported["procedures"] if p["code"] == "2.002481")
    assert transfer["result_document_type"] == "giay-gioi-thieu-chuyen-truong"
    assert [c["document_type"] for c in transfer["components"]] == [
        None,
        "hoc-ba-thcs",
        "giay-gioi-thieu-truong-noi-di",
    ]
    assert {c["accepted_kinds"] for c in transfer["components"]} == {"pdf,jpeg,png"}
    assert {t["code"] for t in exported["document_types"]} >= {"giay-khai-sinh", "hoc-ba-thcs"}
    _empty_catalog()
    DocumentType.objects.all().delete()

    catalog_import(data=json.loads(json.dumps(exported)))

    assert catalog_export() == exported
    component = ProcedureComponent.objects.get(procedure__code="2.002481", order=2)
    assert component.document_type.name == "Học bạ trung học cơ sở"


def test_an_unknown_document_type_or_kind_is_refused(make_data):
    with pytest.raises(InvalidInput) as exc:
        procedure_create(
            data=make_data(components=(ComponentData(name="Học bạ", document_type="khong-co"),))
        )
    assert "khong-co" in exc.value.message
    with pytest.raises(InvalidInput) as exc:
        procedure_create(
            data=make_data(components=(ComponentData(name="Ảnh", accepted_kinds="pdf,gif"),))
        )
    assert "components[0].accepted_kinds" in exc.value.errors
