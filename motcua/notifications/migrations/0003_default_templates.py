"""The Vietnamese wording of the dossier messages; editable afterwards in the admin."""

from django.db import migrations

TEMPLATES = [
    (
        "dossier-received",
        "Hồ sơ {{ code }} đã được tiếp nhận",
        "Hồ sơ {{ code }} ({{ procedure }}) đã được tiếp nhận. Ngày hẹn trả kết quả: {{ due }}.",
        "Ho so {{ code }} da duoc tiep nhan. Hen tra: {{ due }}.",
    ),
    (
        "dossier-supplement",
        "Hồ sơ {{ code }} cần bổ sung",
        "Hồ sơ {{ code }} ({{ procedure }}) cần bổ sung, hoàn thiện. Vui lòng xem phiếu yêu cầu "
        "bổ sung trên hệ thống hoặc liên hệ bộ phận một cửa.",
        "Ho so {{ code }} can bo sung. Vui long xem chi tiet tren he thong.",
    ),
    (
        "dossier-payment",
        "Hồ sơ {{ code }} chờ nộp phí, lệ phí",
        "Hồ sơ {{ code }} ({{ procedure }}) đang chờ nộp phí, lệ phí. Bạn có thể thanh toán "
        "trực tuyến trên hệ thống hoặc tại bộ phận một cửa.",
        "Ho so {{ code }} cho nop phi, le phi.",
    ),
    (
        "dossier-extended",
        "Hồ sơ {{ code }} được hẹn lại ngày trả",
        "Cơ quan xin lỗi vì hồ sơ {{ code }} ({{ procedure }}) chưa giải quyết kịp hạn. "
        "Ngày hẹn trả mới: {{ due }}.",
        "Ho so {{ code }} hen tra lai: {{ due }}.",
    ),
    (
        "dossier-resolved",
        "Hồ sơ {{ code }} đã có kết quả",
        "Hồ sơ {{ code }} ({{ procedure }}) đã được giải quyết xong. Vui lòng nhận kết quả "
        "theo hình thức đã đăng ký.",
        "Ho so {{ code }} da co ket qua.",
    ),
    (
        "dossier-returned",
        "Đã trả kết quả hồ sơ {{ code }}",
        "Kết quả hồ sơ {{ code }} ({{ procedure }}) đã được trả. Mời bạn đánh giá mức độ hài "
        "lòng trên hệ thống.",
        "Da tra ket qua ho so {{ code }}.",
    ),
    (
        "staff-new-dossier",
        "Hồ sơ {{ code }} chuyển đến bạn",
        "Hồ sơ {{ code }} ({{ procedure }}) đang chờ bạn xử lý. Hạn trả: {{ due }}.",
        "Ho so {{ code }} cho ban xu ly.",
    ),
    (
        "staff-due-tomorrow",
        "Hồ sơ {{ code }} đến hạn ngày mai",
        "Hồ sơ {{ code }} ({{ procedure }}) đến hạn trả kết quả lúc {{ due }}.",
        "Ho so {{ code }} den han {{ due }}.",
    ),
    (
        "staff-feedback-overdue",
        "Phản ánh, kiến nghị {{ code }} đã quá hạn",
        "Phản ánh, kiến nghị {{ code }} đã quá hạn xử lý từ {{ due }}. Vui lòng xử lý.",
        "PAKN {{ code }} qua han tu {{ due }}.",
    ),
]


def create(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for key, title, body, sms in TEMPLATES:
        MessageTemplate.objects.get_or_create(
            key=key, defaults={"title": title, "body": body, "sms": sms}
        )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_messagetemplate_preference_delivery")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
