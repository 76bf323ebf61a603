"""Demo data: the seed's department (District 11, Ho Chi Minh City), its schools, one user
per role and the demo catalog. Idempotent: a second run finds everything and changes nothing.

Demo accounts exist only here; `load_demo` refuses to run in production mode.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from motcua.accounts.models import ApplicantKind, Role, User
from motcua.accounts.services import staff_create
from motcua.catalog.demo import seed_demo_catalog
from motcua.feedback.demo import seed_demo_feedback
from motcua.organization.models import Unit, UnitLevel
from motcua.organization.services import unit_create
from motcua.reporting.demo import seed_demo_reporting
from motcua.scorecard.defaults import seed_criteria
from motcua.scorecard.models import Criterion

LEVELS = [
    # code, name, rank, is_school
    ("province", "Tỉnh, thành phố trực thuộc trung ương", 1, False),
    ("district", "Quận, huyện", 2, False),
    ("commune", "Xã, phường, đặc khu", 2, False),
    ("department", "Phòng, ban chuyên môn", 3, False),
    ("school", "Cơ sở giáo dục", 4, True),
]

SCHOOLS = [
    "Trường THCS Lữ Gia",
    "Trường THCS Nguyễn Văn Phú",
    "Trường THCS Lê Anh Xuân",
    "Trường Tiểu học Phú Thọ",
    "Trường Tiểu học Đề Thám",
    "Trường Mầm non Quận 11",
]

DEMO_CITIZEN_ID = "079090001234"  # 079 = Hồ Chí Minh, 0 = male born in the 1900s, 90 = 1990


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    full_name: str
    position: str = ""


ACCOUNTS = [
    DemoAccount("admin", Role.ADMIN, "Quản trị hệ thống", "Quản trị viên"),
    DemoAccount("lanhdao", Role.HEAD, "Nguyễn Thị Hồng", "Trưởng phòng"),
    DemoAccount("chuyenvien", Role.SPECIALIST, "Trần Văn Minh", "Chuyên viên"),
    DemoAccount("motcua", Role.OFFICER, "Lê Thị Lan", "Cán bộ một cửa"),
    DemoAccount("truong", Role.SCHOOL, "Phạm Quốc Bảo", "Hiệu trưởng"),
    DemoAccount("congdan", Role.CITIZEN, "Võ Minh Tuấn"),
]


def _unit(
    *, name: str, level: UnitLevel, parent: Unit | None, code: str = "", **extra: str
) -> Unit:
    query = Unit.objects.filter(name=name, level=level)
    if parent is not None:
        query = query.filter(path__startswith=parent.path, depth=parent.depth + 1)
    existing = query.first()
    if existing:
        return existing
    return unit_create(name=name, level=level, parent=parent, code=code, **extra)


@transaction.atomic
def load_demo() -> dict[str, object]:
    levels = {}
    for code, name, rank, is_school in LEVELS:
        levels[code], _created = UnitLevel.objects.get_or_create(
            code=code, defaults={"name": name, "rank": rank, "is_school": is_school}
        )
    province = _unit(
        name="Ủy ban nhân dân Thành phố Hồ Chí Minh",
        level=levels["province"],
        parent=None,
        code="000.00.00.H29",
    )
    district = _unit(
        name="Ủy ban nhân dân Quận 11",
        level=levels["district"],
        parent=province,
        code="000.00.11.H29",
    )
    department = _unit(
        name="Phòng Giáo dục và Đào tạo Quận 11",
        short_name="Phòng GD&ĐT Quận 11",
        level=levels["department"],
        parent=district,
        code="000.00.21.H29",
        address="270 Bình Thới, Phường 10, Quận 11, TP. Hồ Chí Minh",
        phone="02838655101",
        email="pgddt.q11@example.gov.vn",
    )
    schools = [_unit(name=name, level=levels["school"], parent=department) for name in SCHOOLS]

    password = settings.MOTCUA_DEMO_PASSWORD
    users: dict[str, User] = {}
    for account in ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None and account.role == Role.CITIZEN:
            user = User(
                username=account.username,
                full_name=account.full_name,
                role=Role.CITIZEN,
                applicant_kind=ApplicantKind.INDIVIDUAL,
                citizen_id=DEMO_CITIZEN_ID,
                phone="0912345678",
                email="congdan@example.vn",
            )
            user.set_password(password)
            user.save()
        elif user is None:
            units = [schools[0]] if account.role == Role.SCHOOL else [department]
            user = staff_create(
                username=account.username,
                full_name=account.full_name,
                role=account.role,
                password=password,
                units=units,
                position=account.position,
            )
        users[account.username] = user

    procedures = seed_demo_catalog(handling_unit=department, specialists=[users["chuyenvien"]])
    seed_demo_feedback(department=department, users=users)
    seed_demo_reporting(department=department, schools=schools, users=users)
    seed_criteria(Criterion)  # the migration's rows, again if a test flushed them
    return {"department": department, "schools": schools, "users": users, "procedures": procedures}
