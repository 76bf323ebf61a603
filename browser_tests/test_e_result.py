"""The citizen downloads the signed electronic result of an approved dossier from its page, and
the file carries the agency's signature, trusted and intact."""

import io
from pathlib import Path

import pytest

from browser_tests.conftest import sign_in

pytestmark = pytest.mark.browser

DIPLOMA_COPY = "3.000467.H18"


@pytest.fixture
def approved(demo):
    """A diploma copy registered at the desk for the demo citizen, walked to approval through
    the services (the screens of that walk are the other browser test's)."""
    from motcua.dossiers.services import ActionInput, Applicant, dossier_act, dossier_register

    users = demo["users"]
    citizen = users["congdan"]
    dossier = dossier_register(
        officer=users["motcua"],
        procedure_code=DIPLOMA_COPY,
        channel=1,
        applicant=Applicant(name=citizen.full_name, id_number=citizen.citizen_id),
        request="Cấp 01 bản sao bằng tốt nghiệp THCS năm 2008.",
        citizen=citizen,
    )
    dossier_act(code=dossier.code, actor=users["motcua"], action="handover")
    dossier_act(
        code=dossier.code,
        actor=users["chuyenvien"],
        action="propose",
        data=ActionInput(proposal="grant", note="Khớp sổ gốc."),
    )
    return dossier_act(code=dossier.code, actor=users["lanhdao"], action="approve")


def test_citizen_downloads_the_signed_result(page, live_server, approved, tmp_path):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    from motcua.documents.results import display_code
    from motcua.documents.signing import outside_event_loop
    from motcua.documents.verification import validation_context

    base = live_server.url
    sign_in(page, base, "congdan")

    page.get_by_role("link", name="Hồ sơ của tôi").click()
    page.get_by_role("link", name=approved.code).click()
    page.wait_for_load_state()
    section = page.get_by_role("region", name="Kết quả điện tử")
    assert display_code(approved.e_result.verification_code) in section.inner_text()

    with page.expect_download() as info:
        section.get_by_role("link", name="Tải kết quả điện tử (PDF đã ký số)").click()
    download = info.value
    assert download.suggested_filename == f"ket-qua-{approved.code}.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = Path(saved).read_bytes()
    assert data.startswith(b"%PDF-")

    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    # pyHanko runs its own event loop; Playwright's already runs in this thread.
    status = outside_event_loop(validate_pdf_signature, signature, validation_context())
    assert status.intact and status.valid and status.trusted
