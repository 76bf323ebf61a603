"""The demo catalog: nine education procedures from `data/education-procedures.json` and
one illustrative merge/split procedure the data lacks.

Published values are kept as published; a value the source left empty is filled with a
realistic one and named in the procedure's `demo_notes` (`is_demo_filled`). Idempotent: a
procedure whose code exists is left untouched, so a second run changes nothing.
"""

import dataclasses
import json
from datetime import time
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from motcua.accounts.models import Role, User
from motcua.catalog import completeness
from motcua.catalog.models import (
    ComponentSource,
    DocumentType,
    OnlineLevel,
    Procedure,
    ProcedureComponent,
    ProcedureStatus,
)
from motcua.catalog.services import (
    ComponentData,
    FeeData,
    ProcedureData,
    ProcessStepData,
    field_get_or_create,
    procedure_create,
    procedure_publish,
)
from motcua.core.text import fold
from motcua.organization.models import Unit

DATA_FILE = Path(__file__).resolve().parent / "data" / "education-procedures.json"

FIELDS = {
    "giao-duc-mam-non": "Giáo dục mầm non",
    "giao-duc-tieu-hoc": "Giáo dục tiểu học",
    "giao-duc-trung-hoc": "Giáo dục trung học",
    "van-bang-chung-chi": "Văn bằng, chứng chỉ",
    "co-so-giao-duc-khac": "Các cơ sở giáo dục khác",
}

# How each filled value is named in `demo_notes`.
LABELS = {
    "code": "mã thủ tục",
    "legal_basis": "căn cứ pháp lý",
    "steps_text": "trình tự thực hiện",
    "methods": "cách thức thực hiện",
    "time_limit_days": "thời hạn giải quyết (số ngày làm việc)",
    "applicants": "đối tượng thực hiện",
    "result_name": "kết quả thực hiện",
    "online_level": "mức độ dịch vụ công trực tuyến",
    "online_payment": "thanh toán trực tuyến",
    "fees": "phí, lệ phí",
    "components": "thành phần hồ sơ",
    "component_copies": "số bản chính, bản sao của thành phần hồ sơ",
    "process_steps": "quy trình nội bộ và thời gian từng bước",
}

OFFICER, SPECIALIST, HEAD = Role.OFFICER, Role.SPECIALIST, Role.HEAD
# A step's actor: the handling unit, or its parent (the people's committee that decides).
UNIT, PARENT = "unit", "parent"


@dataclasses.dataclass(frozen=True)
class Demo:
    stt: int  # the entry in the data file
    field: str
    fill: dict[str, Any]  # values the source left empty (ProcedureData names + "component_copies")
    process: tuple[tuple[str, str, str, str], ...]  # name, role, UNIT or PARENT, hours
    derived: dict[str, Any] = dataclasses.field(
        default_factory=dict
    )  # read from the published wording
    notes: tuple[str, ...] = ()  # other adaptations, said in demo_notes
    database_from_stt: int | None = None  # 66.7 look-ups published for a sibling entry
    database_position: int | None = None  # where the look-up goes among the components
    # Which components are papers a person keeps (start of the component's name → type code),
    # reused from the data store, and the type of the electronic result.
    document_types: dict[str, str] = dataclasses.field(default_factory=dict)
    result_document_type: str = ""


# The kinds of paper of the demo (DocumentType): code, name, usual issuer, validity in months
# (None: no end). The citizen ID is looked up in the population database, not kept.
DOCUMENT_TYPES = (
    ("giay-khai-sinh", "Giấy khai sinh", "Ủy ban nhân dân cấp xã", None),
    ("can-cuoc", "Thẻ căn cước, căn cước công dân", "Bộ Công an", None),
    ("hoc-ba-thcs", "Học bạ trung học cơ sở", "Trường trung học cơ sở", None),
    ("bang-tot-nghiep-thcs", "Bằng tốt nghiệp trung học cơ sở", "Phòng Giáo dục và Đào tạo", None),
    (
        "giay-gioi-thieu-truong-noi-di",
        "Giấy giới thiệu chuyển trường của trường nơi đi",
        "Hiệu trưởng trường nơi học sinh chuyển đi",
        None,
    ),
    (
        "trich-luc-ho-tich",
        "Trích lục, quyết định thay đổi, cải chính hộ tịch",
        "Ủy ban nhân dân cấp xã",
        None,
    ),
    (
        "ban-sao-van-bang-tu-so-goc",
        "Bản sao văn bằng, chứng chỉ từ sổ gốc",
        "Phòng Giáo dục và Đào tạo",
        None,
    ),
    (
        "quyet-dinh-chinh-sua-van-bang",
        "Quyết định chỉnh sửa nội dung văn bằng, chứng chỉ",
        "Phòng Giáo dục và Đào tạo",
        None,
    ),
    (
        "giay-gioi-thieu-chuyen-truong",
        "Giấy giới thiệu chuyển trường của Phòng Giáo dục và Đào tạo",
        "Phòng Giáo dục và Đào tạo",
        None,
    ),
    (
        "quyet-dinh-thanh-lap-truong",
        "Quyết định thành lập hoặc cho phép thành lập trường",
        "Chủ tịch Ủy ban nhân dân",
        None,
    ),
    (
        "quyet-dinh-cho-phep-hoat-dong-giao-duc",
        "Quyết định cho phép hoạt động giáo dục",
        "Chủ tịch Ủy ban nhân dân",
        None,
    ),
    ("quyet-dinh-giai-the-truong", "Quyết định giải thể trường", "Chủ tịch Ủy ban nhân dân", None),
    (
        "quyet-dinh-thuc-hien-chuong-trinh-tieu-hoc",
        "Quyết định cho phép cơ sở giáo dục khác thực hiện chương trình giáo dục tiểu học",
        "Chủ tịch Ủy ban nhân dân",
        None,
    ),
    (
        "quyet-dinh-sap-nhap-chia-tach-truong",
        "Quyết định sáp nhập, chia, tách trường",
        "Chủ tịch Ủy ban nhân dân",
        None,
    ),
)


def _upload(
    name: str,
    original: int = 1,
    copy: int = 0,
    note: str = "",
    form: str = "",
    required: bool = True,
) -> ComponentData:
    return ComponentData(
        name=name,
        copies_original=original,
        copies_copy=copy,
        note=note,
        form_template=form,
        is_required=required,
    )


REQUEST_FORM = "catalog/forms/mau-don-de-nghi-cap-ban-sao-van-bang-chung-chi.txt"
REQUEST_FORM_TEXT = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

ĐƠN ĐỀ NGHỊ CẤP BẢN SAO VĂN BẰNG, CHỨNG CHỈ TỪ SỔ GỐC
(mẫu minh họa của phần mềm motcua)

Kính gửi: ..........................................................

Họ và tên người đề nghị: ............................................
Số định danh cá nhân: ...............................................
Quan hệ với người được cấp văn bằng, chứng chỉ (nếu đề nghị thay): ....
Họ và tên người được cấp văn bằng, chứng chỉ: .......................
Ngày sinh: ......................  Nơi sinh: ...........................
Tên văn bằng, chứng chỉ: ............................................
Năm tốt nghiệp/năm cấp: ......... Số hiệu: ......... Số vào sổ gốc: .........
Nơi cấp: ...........................................................
Số lượng bản sao đề nghị cấp: ..........
Lý do đề nghị cấp bản sao: ..........................................

                                   ........, ngày .... tháng .... năm ......
                                               NGƯỜI ĐỀ NGHỊ
                                           (Ký và ghi rõ họ tên)
"""

_DISSOLVE_PROCESS = (
    ("Tiếp nhận, kiểm tra hồ sơ, chuyển phòng chuyên môn", OFFICER, UNIT, "4"),
    (
        "Thẩm định hồ sơ, phương án bảo đảm quyền lợi của người học và người lao động",
        SPECIALIST,
        UNIT,
        "100",
    ),
    ("Lãnh đạo phòng xem xét, trình đề nghị giải thể", HEAD, UNIT, "24"),
    ("Chủ tịch Ủy ban nhân dân xem xét, quyết định giải thể", HEAD, PARENT, "24"),
    ("Vào sổ, trả kết quả", OFFICER, UNIT, "8"),
)


def _establish_process(total_hours: int) -> tuple[tuple[str, str, str, str], ...]:
    appraisal = total_hours - (4 + 36 + 24 + 12 + 4)
    return (
        ("Tiếp nhận, kiểm tra hồ sơ, chuyển phòng chuyên môn", OFFICER, UNIT, "4"),
        (
            "Kiểm tra tính hợp lệ của hồ sơ; thông báo nội dung cần chỉnh sửa nếu có",
            SPECIALIST,
            UNIT,
            "36",
        ),
        (
            "Thẩm định điều kiện (kể cả kiểm tra thực tế), dự thảo văn bản",
            SPECIALIST,
            UNIT,
            str(appraisal),
        ),
        ("Lãnh đạo phòng xem xét, trình Chủ tịch Ủy ban nhân dân", HEAD, UNIT, "24"),
        ("Chủ tịch Ủy ban nhân dân xem xét, quyết định", HEAD, PARENT, "12"),
        ("Vào sổ, trả kết quả", OFFICER, UNIT, "4"),
    )


_SCHOOL_FILE = (
    _upload("Tờ trình đề nghị thành lập hoặc cho phép thành lập trường"),
    _upload("Đề án thành lập trường"),
    _upload(
        "Bản sao văn bằng, chứng chỉ của người dự kiến làm hiệu trưởng",
        0,
        1,
        "Bản sao từ sổ gốc, bản sao có chứng thực hoặc bản sao kèm bản chính để đối chiếu.",
    ),
)

DEMOS = (
    Demo(
        stt=14,
        field="van-bang-chung-chi",
        derived={"cutoff_time": time(15, 0)},  # "nếu tiếp nhận yêu cầu sau 03 (ba) giờ chiều"
        fill={
            "fees": (),
            "components": (
                _upload(
                    "Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc (theo mẫu)",
                    form=REQUEST_FORM,
                ),
                _upload(
                    "Giấy ủy quyền (trường hợp người khác đề nghị cấp bản sao thay)",
                    1,
                    0,
                    "Chỉ nộp khi người đề nghị không phải người được cấp văn bằng, chứng chỉ.",
                    required=False,
                ),
            ),
        },
        database_position=1,
        process=(
            ("Tiếp nhận, kiểm tra hồ sơ, chuyển xử lý", OFFICER, UNIT, "1"),
            ("Đối chiếu sổ gốc, dự thảo bản sao", SPECIALIST, UNIT, "4"),
            ("Ký, đóng dấu bản sao", HEAD, UNIT, "2"),
            ("Vào sổ cấp bản sao, trả kết quả", OFFICER, UNIT, "1"),
        ),
        notes=("mẫu đơn: mẫu minh họa",),
        result_document_type="ban-sao-van-bang-tu-so-goc",
    ),
    Demo(
        stt=16,
        field="van-bang-chung-chi",
        fill={
            "fees": (),
            "components": (
                _upload("Đơn đề nghị chỉnh sửa nội dung văn bằng, chứng chỉ"),
                _upload("Văn bằng, chứng chỉ đề nghị chỉnh sửa"),
                _upload(
                    "Trích lục hoặc quyết định thay đổi, cải chính hộ tịch, xác định lại dân "
                    "tộc, xác định lại giới tính",
                    0,
                    1,
                    "Bản sao từ sổ gốc, bản sao có chứng thực hoặc bản sao kèm bản chính.",
                ),
            ),
        },
        database_from_stt=15,
        process=(
            ("Tiếp nhận, kiểm tra hồ sơ, chuyển phòng chuyên môn", OFFICER, UNIT, "4"),
            (
                "Thẩm định hồ sơ, đối chiếu sổ gốc, dự thảo quyết định chỉnh sửa",
                SPECIALIST,
                UNIT,
                "24",
            ),
            ("Xem xét, ký quyết định chỉnh sửa", HEAD, UNIT, "8"),
            ("Vào sổ, trả kết quả", OFFICER, UNIT, "4"),
        ),
        notes=(
            "lĩnh vực: xếp vào “Văn bằng, chứng chỉ” (nguồn ghi “Hệ thống văn bằng, chứng chỉ”)",
            "tra cứu CSDL thay giấy khai sinh, căn cước: theo NQ 66.7/2025/NQ-CP cho thủ tục "
            "cùng tên cấp xã (3.000468)",
        ),
        document_types={
            "Văn bằng, chứng chỉ đề nghị chỉnh sửa": "bang-tot-nghiep-thcs",
            "Trích lục": "trich-luc-ho-tich",
        },
        result_document_type="quyet-dinh-chinh-sua-van-bang",
    ),
    Demo(
        stt=8,
        field="giao-duc-trung-hoc",
        fill={
            "time_limit_days": Decimal("3"),
            "fees": (),
            "online_level": OnlineLevel.PARTIAL,
            "applicants": "Cha, mẹ hoặc người giám hộ của học sinh trung học cơ sở",
            "legal_basis": (
                "Quyết định số 51/2002/QĐ-BGDĐT ngày 25/12/2002 của Bộ trưởng Bộ Giáo dục và Đào "
                "tạo ban hành Quy định chuyển trường và tiếp nhận học sinh học tại các trường "
                "trung học cơ sở và trung học phổ thông\n"
                "Thông tư số 50/2021/TT-BGDĐT sửa đổi, bổ sung một số điều của Quy định chuyển "
                "trường và tiếp nhận học sinh học tại các trường trung học cơ sở và trung học phổ "
                "thông"
            ),
            "steps_text": (
                "Cha, mẹ hoặc người giám hộ nộp hồ sơ trực tiếp, qua bưu chính hoặc trực tuyến.\n"
                "Bộ phận Một cửa kiểm tra, tiếp nhận hồ sơ và chuyển chuyên viên xử lý.\n"
                "Học sinh chuyển đến từ tỉnh, thành phố khác: cơ quan giáo dục nơi đến kiểm tra hồ "
                "sơ và giới thiệu học sinh về trường theo nơi cư trú.\n"
                "Hiệu trưởng trường nơi đến tiếp nhận, xếp học sinh vào lớp."
            ),
        },
        process=(
            ("Tiếp nhận, kiểm tra hồ sơ, chuyển chuyên viên", OFFICER, UNIT, "2"),
            ("Kiểm tra hồ sơ, dự thảo giấy giới thiệu chuyển trường", SPECIALIST, UNIT, "16"),
            ("Lãnh đạo phòng ký giấy giới thiệu", HEAD, UNIT, "4"),
            ("Trả kết quả", OFFICER, UNIT, "2"),
        ),
        notes=("thời hạn: nguồn ghi “Không quy định”, 3 ngày là giá trị minh họa",),
        document_types={
            "Học bạ": "hoc-ba-thcs",
            "Giấy giới thiệu chuyển trường": "giay-gioi-thieu-truong-noi-di",
        },
        result_document_type="giay-gioi-thieu-chuyen-truong",
    ),
    Demo(
        stt=6,
        field="giao-duc-trung-hoc",
        fill={
            "fees": (),
            "components": _SCHOOL_FILE,
            "online_level": OnlineLevel.PARTIAL,
            "result_name": "Quyết định thành lập hoặc cho phép thành lập trường trung học cơ sở",
        },
        process=_establish_process(25 * 8),
        result_document_type="quyet-dinh-thanh-lap-truong",
    ),
    Demo(
        stt=1,
        field="giao-duc-mam-non",
        fill={
            "fees": (),
            "components": _SCHOOL_FILE,
            "online_level": OnlineLevel.PARTIAL,
            "result_name": "Quyết định thành lập hoặc cho phép thành lập trường mầm non",
        },
        process=_establish_process(20 * 8),
        result_document_type="quyet-dinh-thanh-lap-truong",
    ),
    Demo(
        stt=2,
        field="giao-duc-mam-non",
        fill={
            "time_limit_days": Decimal("20"),
            "fees": (),
            "components": (
                _upload(
                    "Tờ trình đề nghị giải thể của tổ chức, cá nhân thành lập trường, nêu rõ "
                    "lý do giải thể"
                ),
                _upload(
                    "Phương án bảo đảm quyền, lợi ích hợp pháp của trẻ em, giáo viên, cán bộ "
                    "quản lý và nhân viên"
                ),
            ),
            "applicants": "Tổ chức, cá nhân thành lập trường mẫu giáo, trường mầm non, nhà trẻ",
            "result_name": "Quyết định giải thể trường mẫu giáo, trường mầm non, nhà trẻ",
            "legal_basis": "Nghị định số 142/2025/NĐ-CP",
            "steps_text": (
                "Tổ chức, cá nhân thành lập trường gửi hồ sơ đề nghị giải thể đến "
                "Ủy ban nhân dân.\n"
                "Phòng chuyên môn thẩm định, báo cáo đề nghị Chủ tịch Ủy ban nhân dân quyết định.\n"
                "Chủ tịch Ủy ban nhân dân quyết định giải thể; quyết định được công bố công khai."
            ),
        },
        process=_DISSOLVE_PROCESS,
        result_document_type="quyet-dinh-giai-the-truong",
    ),
    Demo(
        stt=20,
        field="giao-duc-tieu-hoc",
        fill={
            "code": "1.001639",
            "component_copies": ((1, 0), (1, 0)),
            "legal_basis": (
                "Nghị định số 46/2017/NĐ-CP quy định về điều kiện đầu tư và hoạt động trong lĩnh "
                "vực giáo dục\nNghị định số 135/2018/NĐ-CP sửa đổi, bổ sung Nghị định số "
                "46/2017/NĐ-CP"
            ),
        },
        process=_DISSOLVE_PROCESS,
        notes=(
            "mã thủ tục: mã tương ứng sau 01/7/2025 (QĐ 3771/QĐ-UBND Nghệ An)",
            "lĩnh vực: xếp vào “Giáo dục tiểu học” (nguồn ghi “Giáo dục và đào tạo”)",
        ),
        result_document_type="quyet-dinh-giai-the-truong",
    ),
    Demo(
        stt=7,
        field="giao-duc-trung-hoc",
        fill={
            "time_limit_days": Decimal("20"),
            "fees": (
                FeeData(
                    name="Phí thẩm định cho phép hoạt động giáo dục (minh họa)",
                    amount=1_000_000,
                    online_amount=800_000,
                    note="Giảm 20% khi nộp và thanh toán trực tuyến.",
                    stage="submission",
                ),
            ),
            "online_payment": True,
            "components": (
                _upload("Tờ trình đề nghị cho phép hoạt động giáo dục"),
                _upload("Quyết định thành lập hoặc cho phép thành lập trường", 0, 1),
                _upload(
                    "Danh sách cán bộ quản lý, giáo viên, nhân viên kèm bản sao văn bằng, chứng chỉ"
                ),
            ),
            "applicants": "Tổ chức, cá nhân thành lập trường trung học cơ sở",
            "result_name": "Quyết định cho phép hoạt động giáo dục",
            "steps_text": (
                "Trường gửi hồ sơ đề nghị cho phép hoạt động giáo dục đến Ủy ban nhân dân.\n"
                "Trong 05 ngày làm việc, nếu hồ sơ chưa hợp lệ thì thông báo nội dung cần "
                "bổ sung.\n"
                "Phòng chuyên môn thẩm định điều kiện, kiểm tra thực tế và trình Chủ tịch Ủy ban "
                "nhân dân.\n"
                "Chủ tịch Ủy ban nhân dân quyết định cho phép hoạt động giáo dục hoặc thông báo lý "
                "do chưa cho phép."
            ),
        },
        process=_establish_process(20 * 8),
        notes=("phí có giảm khi nộp trực tuyến: dữ liệu minh họa cho chức năng thanh toán",),
        document_types={"Quyết định thành lập": "quyet-dinh-thanh-lap-truong"},
        result_document_type="quyet-dinh-cho-phep-hoat-dong-giao-duc",
    ),
    Demo(
        stt=13,
        field="co-so-giao-duc-khac",
        fill={
            "fees": (),
            "result_name": (
                "Quyết định cho phép cơ sở giáo dục khác thực hiện chương trình giáo dục tiểu học"
            ),
        },
        derived={"online_level": OnlineLevel.FULL},  # "Toàn trình (Lạng Sơn)"
        process=(
            ("Tiếp nhận, kiểm tra hồ sơ, chuyển phòng chuyên môn", OFFICER, UNIT, "4"),
            ("Thẩm định hồ sơ, dự thảo quyết định", SPECIALIST, UNIT, "48"),
            ("Lãnh đạo phòng xem xét, trình Chủ tịch Ủy ban nhân dân", HEAD, UNIT, "12"),
            ("Chủ tịch Ủy ban nhân dân xem xét, quyết định", HEAD, PARENT, "12"),
            ("Vào sổ, trả kết quả", OFFICER, UNIT, "4"),
        ),
        result_document_type="quyet-dinh-thuc-hien-chuong-trinh-tieu-hoc",
    ),
)


@cache
def _entries() -> dict[int, dict]:
    return {entry["stt"]: entry for entry in json.loads(DATA_FILE.read_text(encoding="utf-8"))}


def _methods(texts: list[str]) -> dict[str, bool]:
    folded = [fold(text) for text in texts]
    return {
        "accepts_direct": any("truc tiep" in t for t in folded),
        "accepts_postal": any("buu" in t for t in folded),
        "accepts_online": any("truc tuyen" in t or "dich vu cong" in t for t in folded),
    }


def _online_level(entry: dict) -> str | None:
    level = fold(entry.get("muc_do_dvc_truc_tuyen") or "")
    methods = fold(" ".join(entry.get("cach_thuc_thuc_hien") or []))
    if "mot phan" in level:
        return OnlineLevel.PARTIAL
    if "toan trinh" in level or (not level and "toan trinh" in methods):
        return OnlineLevel.FULL
    if level.startswith("muc do") or (methods and "truc tuyen" not in methods):
        return OnlineLevel.NONE
    return None


def _database_component(entry: dict) -> ComponentData:
    lookup = entry["thanh_phan_thay_the_bang_csdl"]
    return ComponentData(
        name=lookup["giay_to"],
        source=ComponentSource.DATABASE,
        database_name=lookup["csdl"],
        database_agency=lookup["co_quan_csdl"],
        database_legal_basis=(
            f"{lookup['van_ban']}; {lookup['van_ban_quy_dinh']}, {lookup['dieu_khoan']}"
        ),
    )


def _published(entry: dict) -> dict[str, Any]:
    """The values the source publishes, under ProcedureData's names."""
    values: dict[str, Any] = {"name": entry["ten_thu_tuc"], "sources": tuple(entry["nguon"])}
    if entry.get("ma_thu_tuc"):
        values["code"] = entry["ma_thu_tuc"]
    if entry.get("can_cu_phap_ly"):
        values["legal_basis"] = "\n".join(entry["can_cu_phap_ly"])
    if entry.get("trinh_tu_thuc_hien"):
        values["steps_text"] = "\n".join(entry["trinh_tu_thuc_hien"])
    if entry.get("cach_thuc_thuc_hien"):
        values.update(_methods(entry["cach_thuc_thuc_hien"]))
    limit = entry.get("thoi_han_giai_quyet") or {}
    if limit.get("ngay_lam_viec") is not None:
        values["time_limit_days"] = Decimal(limit["ngay_lam_viec"])
    if limit.get("nguyen_van"):
        values["time_limit_text"] = limit["nguyen_van"]
    if entry.get("doi_tuong_thuc_hien"):
        values["applicants"] = entry["doi_tuong_thuc_hien"]
    if entry.get("ket_qua"):
        values["result_name"] = entry["ket_qua"]
    level = _online_level(entry)
    if level is not None:
        values["online_level"] = level
    fees = fold(entry.get("phi_le_phi") or "")
    if fees and "khong co thong tin" not in fees:
        # Every fee text of the chosen entries says "Không" (none) or "0 Đồng".
        if any(ch in "123456789" for ch in fees):
            raise ValueError(f"Entry {entry['stt']} publishes a fee: describe it in DEMOS.")
        values["fees"] = ()
    components = entry.get("thanh_phan_ho_so")
    if components:
        values["components"] = tuple(
            ComponentData(name=c["ten"], copies_original=c["ban_chinh"], copies_copy=c["ban_sao"])
            for c in components
        )
    return values


def _notes(entry: dict, filled: list[str], demo: Demo) -> str:
    agency = entry.get("co_quan_thuc_hien") or "không ghi"
    lines = [
        "Điền để minh họa (nguồn để trống): " + "; ".join(LABELS[key] for key in filled) + ".",
        f"Cơ quan, cấp thực hiện: đơn vị của bản minh họa (nguồn ghi: {agency}; "
        f"{entry['cap_thuc_hien']}; {entry['giai_doan']}).",
        *(note[0].upper() + note[1:] + "." for note in demo.notes),
    ]
    return "\n".join(lines)


def _typed(
    components: tuple[ComponentData, ...], types: dict[str, str]
) -> tuple[ComponentData, ...]:
    """Each component whose name starts with a key of `types` gets that document type."""
    typed = []
    for component in components:
        code = next((c for start, c in types.items() if component.name.startswith(start)), "")
        typed.append(dataclasses.replace(component, document_type=code) if code else component)
    if sum(1 for c in typed if c.document_type) != len(types):
        raise ValueError(f"Demo document types {types} do not match the components.")
    return tuple(typed)


def _demo_data(demo: Demo, *, handling_unit: Unit, specialists: list[User]) -> ProcedureData:
    entry = _entries()[demo.stt]
    values = _published(entry) | demo.derived
    filled = [key for key in demo.fill if key not in values and key != "component_copies"]
    values |= {key: demo.fill[key] for key in filled}
    if "component_copies" in demo.fill:
        # The source names the components but not how many originals or copies.
        values["components"] = tuple(
            ComponentData(name=c.name, copies_original=original, copies_copy=copy)
            for c, (original, copy) in zip(
                values["components"], demo.fill["component_copies"], strict=True
            )
        )
        filled.append("component_copies")
    lookup_entry = _entries()[demo.database_from_stt or demo.stt]
    if lookup_entry.get("thanh_phan_thay_the_bang_csdl"):
        components = list(values["components"])
        position = len(components) if demo.database_position is None else demo.database_position
        components.insert(position, _database_component(lookup_entry))
        values["components"] = tuple(components)
    filled.append("process_steps")
    values["components"] = _typed(values["components"], demo.document_types)

    parent = Unit.objects.get_parent(handling_unit) or handling_unit
    steps = tuple(
        ProcessStepData(
            name=name,
            role=role,
            unit=parent if where == PARENT else handling_unit,
            hours=Decimal(hours),
        )
        for name, role, where, hours in demo.process
    )
    data = ProcedureData(
        field=field_get_or_create(code=demo.field, name=FIELDS[demo.field]),
        level=handling_unit.level,
        handling_unit=handling_unit,
        process_steps=steps,
        assigned_officers=tuple(specialists),
        is_demo_filled=True,
        demo_notes=_notes(entry, filled, demo),
        result_document_type=demo.result_document_type,
        **values,
    )
    missing = completeness.missing_parts(
        completeness.ProcedureParts(
            name=data.name,
            steps_text=data.steps_text,
            methods=(data.accepts_direct, data.accepts_postal, data.accepts_online),
            components=tuple(
                completeness.ComponentCopies(
                    c.source == ComponentSource.DATABASE, c.copies_original, c.copies_copy
                )
                for c in data.components
            ),
            time_limit_days=data.time_limit_days,
            applicants=data.applicants,
            has_agency=True,
        )
    )
    if missing:
        raise ValueError(f"Demo entry {demo.stt} lacks {missing}: fill them in DEMOS.")
    return data


# The seed data has no merge/split entry, but the department handles such dossiers
# (DOMAIN.md §3). Every value of this one is illustrative, its code included.
MERGE_SPLIT_CODE = "9.000001"


def _merge_split_data(*, handling_unit: Unit, specialists: list[User]) -> ProcedureData:
    parent = Unit.objects.get_parent(handling_unit) or handling_unit
    process = (
        ("Tiếp nhận, kiểm tra hồ sơ, chuyển phòng chuyên môn", OFFICER, handling_unit, "4"),
        (
            "Kiểm tra tính hợp lệ của hồ sơ, lấy ý kiến các đơn vị liên quan",
            SPECIALIST,
            handling_unit,
            "32",
        ),
        (
            "Thẩm định đề án sáp nhập, chia, tách (kể cả kiểm tra thực tế)",
            SPECIALIST,
            handling_unit,
            "80",
        ),
        ("Lãnh đạo phòng xem xét, trình Chủ tịch Ủy ban nhân dân", HEAD, handling_unit, "24"),
        ("Chủ tịch Ủy ban nhân dân xem xét, quyết định", HEAD, parent, "16"),
        ("Vào sổ, trả kết quả", OFFICER, handling_unit, "4"),
    )
    return ProcedureData(
        code=MERGE_SPLIT_CODE,
        name="Sáp nhập, chia, tách trường trung học cơ sở",
        field=field_get_or_create(code="giao-duc-trung-hoc", name=FIELDS["giao-duc-trung-hoc"]),
        level=handling_unit.level,
        handling_unit=handling_unit,
        legal_basis="Nghị định số 125/2024/NĐ-CP ngày 05/10/2024 của Chính phủ quy định về điều "
        "kiện đầu tư và hoạt động trong lĩnh vực giáo dục",
        steps_text="\n".join(
            [
                "Bước 1: Tổ chức, cá nhân đề nghị sáp nhập, chia, tách trường gửi 01 bộ hồ sơ đến "
                "Bộ phận Một cửa.",
                "Bước 2: Trong thời hạn 05 ngày làm việc, nếu hồ sơ chưa hợp lệ, cơ quan tiếp nhận "
                "thông báo bằng văn bản nội dung cần chỉnh sửa, bổ sung.",
                "Bước 3: Phòng Giáo dục và Đào tạo thẩm định đề án, kiểm tra thực tế và trình Chủ "
                "tịch Ủy ban nhân dân.",
                "Bước 4: Chủ tịch Ủy ban nhân dân quyết định sáp nhập, chia, tách trường; "
                "trường hợp không đồng ý thì trả lời bằng văn bản, nêu rõ lý do.",
            ]
        ),
        accepts_direct=True,
        accepts_postal=True,
        accepts_online=True,
        time_limit_days=Decimal("20"),
        time_limit_text="20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
        applicants="Tổ chức, cá nhân đề nghị sáp nhập, chia, tách trường trung học cơ sở",
        result_name="Quyết định sáp nhập, chia, tách trường trung học cơ sở",
        result_document_type="quyet-dinh-sap-nhap-chia-tach-truong",
        online_level=OnlineLevel.PARTIAL,
        is_demo_filled=True,
        demo_notes="Điền để minh họa: toàn bộ nội dung, kể cả mã thủ tục (mã nội bộ minh họa, "
        "không phải mã trên Cơ sở dữ liệu quốc gia về TTHC); dữ liệu mẫu không có thủ tục này.",
        components=(
            _upload("Tờ trình đề nghị sáp nhập, chia, tách trường"),
            _upload(
                "Đề án sáp nhập, chia, tách trường, trong đó có phương án bảo đảm quyền lợi "
                "của học sinh, giáo viên và người lao động"
            ),
            _upload("Văn bản đồng ý của các trường liên quan", 0, 1),
        ),
        fees=(),
        sources=("Minh họa theo Nghị định số 125/2024/NĐ-CP (không có trong dữ liệu mẫu)",),
        process_steps=tuple(
            ProcessStepData(name=name, role=role, unit=unit, hours=Decimal(hours))
            for name, role, unit, hours in process
        ),
        assigned_officers=tuple(specialists),
    )


def seed_document_types() -> list[DocumentType]:
    """The demo's kinds of paper; an existing code is left as it is."""
    return [
        DocumentType.objects.get_or_create(
            code=code, defaults={"name": name, "issuer": issuer, "validity_months": months}
        )[0]
        for code, name, issuer, months in DOCUMENT_TYPES
    ]


def _ensure_demo_form() -> None:
    storage = ProcedureComponent._meta.get_field("form_template").storage
    if not storage.exists(REQUEST_FORM):
        storage.save(REQUEST_FORM, ContentFile(REQUEST_FORM_TEXT.encode("utf-8")))


def _code(demo: Demo) -> str:
    return demo.fill.get("code") or _entries()[demo.stt]["ma_thu_tuc"]


@transaction.atomic
def seed_demo_catalog(*, handling_unit: Unit, specialists: list[User]) -> list[Procedure]:
    """Publishes the demo procedures at `handling_unit` (its level is theirs), assigned to
    `specialists`. A code already in the catalog is left as it is (its published version, or
    its newest, is returned)."""
    _ensure_demo_form()
    seed_document_types()
    procedures = []
    for demo in DEMOS:
        versions = list(Procedure.objects.filter(code=_code(demo)).order_by("-version"))
        if versions:
            published = [p for p in versions if p.status == ProcedureStatus.PUBLISHED]
            procedures.append((published or versions)[0])
            continue
        data = _demo_data(demo, handling_unit=handling_unit, specialists=specialists)
        procedures.append(procedure_publish(procedure=procedure_create(data=data)))
    merge_split = Procedure.objects.filter(code=MERGE_SPLIT_CODE).order_by("-version").first()
    if merge_split is None:
        data = _merge_split_data(handling_unit=handling_unit, specialists=specialists)
        merge_split = procedure_publish(procedure=procedure_create(data=data))
    procedures.append(merge_split)
    return procedures
