"""The criteria of DOMAIN.md §8 (Decision 766/QĐ-TTg, 100 points for a province or commune) with
their maxima, the thresholds of the portal's published description where it gives one, and the
criteria this system has no data for marked not applicable. Sources and assumptions: ADR 0012.

Plain data and one idempotent function: migration 0002 seeds them, and `load_demo` runs the
same seed again (a database flushed by tests or restored without the migration's rows gets
them back); a second run leaves rows edited in the admin alone.
"""

from decimal import Decimal

GROUPS = {
    1: "Công khai, minh bạch",
    2: "Tiến độ, kết quả giải quyết",
    3: "Cung cấp dịch vụ trực tuyến",
    4: "Thanh toán trực tuyến",
    5: "Số hóa hồ sơ",
    6: "Mức độ hài lòng",
}

NO_TTHC_DATABASE = (
    "Chưa có dữ liệu quyết định công bố, công khai thủ tục hành chính (ngày quyết định, ngày "
    "hiệu lực của văn bản quy định) từ Cơ sở dữ liệu quốc gia về thủ tục hành chính."
)
NO_POPULATION_DATABASE = (
    "Hệ thống chưa kết nối Cơ sở dữ liệu quốc gia về dân cư nên chưa ghi nhận được việc sử "
    "dụng dữ liệu dân cư."
)

# code, group, name, max, threshold %, applicable, reason, assumption, description
CRITERIA = [
    (
        "1.1",
        1,
        "Tỷ lệ thủ tục hành chính được công bố đúng hạn",
        "6",
        "100",
        False,
        NO_TTHC_DATABASE,
        False,
        "Số thủ tục công bố đúng hạn / số thủ tục phải công bố trong kỳ.",
    ),
    (
        "1.2",
        1,
        "Tỷ lệ thủ tục hành chính được cập nhật, công khai đúng hạn",
        "4",
        "100",
        False,
        NO_TTHC_DATABASE,
        False,
        "Số thủ tục cập nhật, công khai đúng hạn / số thủ tục phải công khai trong kỳ.",
    ),
    (
        "1.3",
        1,
        "Tỷ lệ thủ tục hành chính công khai đầy đủ các bộ phận tạo thành",
        "2",
        "100",
        True,
        "",
        False,
        "Thủ tục đang áp dụng của đơn vị có đủ 7 bộ phận (tên, trình tự, cách thức, thành phần "
        "và số lượng hồ sơ, thời hạn, đối tượng, cơ quan thực hiện) / thủ tục đang áp dụng. "
        "Theo danh mục hiện tại.",
    ),
    (
        "1.4",
        1,
        "Tỷ lệ hồ sơ được đồng bộ lên Cổng Dịch vụ công quốc gia",
        "6",
        "100",
        True,
        "",
        False,
        "Hồ sơ tiếp nhận trong kỳ mà mọi sự kiện đồng bộ đã được Cổng nhận / hồ sơ tiếp nhận "
        "trong kỳ. Hồ sơ chưa có sự kiện đồng bộ nào tính là chưa đồng bộ.",
    ),
    (
        "2.1",
        2,
        "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn",
        "20",
        "100",
        True,
        "",
        False,
        "(Hồ sơ giải quyết xong trong kỳ trước hạn, đúng hạn + hồ sơ đang xử lý trong hạn tại "
        "cuối kỳ) / (hồ sơ giải quyết xong trong kỳ + hồ sơ đang xử lý tại cuối kỳ). Thời gian "
        "chờ bổ sung, chờ nộp phí được trừ; yêu cầu bổ sung quá một lần là quá hạn; hồ sơ đang "
        "chờ người nộp tại cuối kỳ được xét tại lúc bắt đầu chờ.",
    ),
    (
        "3.1",
        3,
        "Tỷ lệ hồ sơ trực tuyến toàn trình trên hồ sơ của thủ tục đủ điều kiện toàn trình",
        "12",
        "50",
        True,
        "",
        True,
        "Hồ sơ nộp trực tuyến tiếp nhận trong kỳ của thủ tục trực tuyến toàn trình / hồ sơ "
        "tiếp nhận trong kỳ của các thủ tục đó.",
    ),
    (
        "4.1",
        4,
        "Tỷ lệ thủ tục có phí, lệ phí được tích hợp thanh toán trực tuyến",
        "2",
        "80",
        True,
        "",
        False,
        "Thủ tục đang áp dụng có phí, lệ phí cho phép thanh toán trực tuyến / thủ tục đang áp "
        "dụng có phí, lệ phí.",
    ),
    (
        "4.2",
        4,
        "Tỷ lệ thủ tục có phí, lệ phí phát sinh thanh toán trực tuyến",
        "2",
        "80",
        True,
        "",
        True,
        "Thủ tục có phí, lệ phí có ít nhất một hồ sơ thanh toán trực tuyến thành công trong kỳ "
        "/ thủ tục đang áp dụng có phí, lệ phí.",
    ),
    (
        "4.3",
        4,
        "Tỷ lệ hồ sơ thanh toán trực tuyến",
        "6",
        "100",
        True,
        "",
        False,
        "Hồ sơ tiếp nhận trong kỳ đã thanh toán trực tuyến / hồ sơ tiếp nhận trong kỳ của thủ "
        "tục có phí, lệ phí.",
    ),
    (
        "5.1",
        5,
        "Tỷ lệ hồ sơ có cấp kết quả giải quyết điện tử",
        "6",
        "100",
        True,
        "",
        False,
        "Hồ sơ giải quyết xong trong kỳ (được giải quyết) có kết quả điện tử ký số / hồ sơ "
        "giải quyết xong trong kỳ được giải quyết.",
    ),
    (
        "5.2",
        5,
        "Tỷ lệ hồ sơ thực hiện số hóa hồ sơ và kết quả giải quyết",
        "4",
        "100",
        True,
        "",
        True,
        "Hồ sơ giải quyết xong trong kỳ (được giải quyết) có mọi thành phần ở dạng điện tử và "
        "có kết quả điện tử / hồ sơ giải quyết xong trong kỳ được giải quyết.",
    ),
    (
        "5.3",
        5,
        "Tỷ lệ cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính",
        "2",
        "100",
        False,
        "Chứng thực bản sao điện tử từ bản chính do cơ quan tư pháp, Ủy ban nhân dân cấp xã "
        "thực hiện; đơn vị không cung cấp dịch vụ này trên hệ thống.",
        False,
        "Số đơn vị cấp xã cung cấp dịch vụ chứng thực bản sao điện tử / số đơn vị cấp xã.",
    ),
    (
        "5.4",
        5,
        "Tỷ lệ hồ sơ khai thác, sử dụng lại thông tin, dữ liệu số hóa",
        "2",
        "80",
        True,
        "",
        False,
        "Hồ sơ tiếp nhận trong kỳ có ít nhất một thành phần dùng lại từ kho dữ liệu hoặc được "
        "thay bằng khai thác cơ sở dữ liệu / hồ sơ tiếp nhận trong kỳ.",
    ),
    (
        "5.5",
        5,
        "Tỷ lệ hồ sơ được số hóa có kết nối, chia sẻ với kho dữ liệu của người dân",
        "4",
        "100",
        True,
        "",
        True,
        "Hồ sơ tiếp nhận trong kỳ có thành phần lấy từ kho dữ liệu của người nộp hoặc có kết "
        "quả điện tử đã lưu vào kho / hồ sơ tiếp nhận trong kỳ.",
    ),
    (
        "5.6",
        5,
        "Tỷ lệ hồ sơ có sử dụng thông tin, dữ liệu dân cư",
        "2",
        "100",
        False,
        NO_POPULATION_DATABASE,
        False,
        "Hồ sơ có sử dụng thông tin từ Cơ sở dữ liệu quốc gia về dân cư / hồ sơ tiếp nhận "
        "trong kỳ.",
    ),
    (
        "5.7",
        5,
        "Tỷ lệ thủ tục triển khai kết nối, chia sẻ dữ liệu dân cư",
        "2",
        "100",
        False,
        NO_POPULATION_DATABASE,
        False,
        "Thủ tục đã kết nối, chia sẻ dữ liệu dân cư / thủ tục có đối tượng thực hiện là người dân.",
    ),
    (
        "6.1",
        6,
        "Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn",
        "6",
        "100",
        True,
        "",
        False,
        "Phản ánh, kiến nghị kết thúc trong kỳ (từ chối hoặc công khai trả lời) không có bước "
        "nào quá hạn / phản ánh, kiến nghị kết thúc trong kỳ.",
    ),
    (
        "6.2",
        6,
        "Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị",
        "6",
        "100",
        True,
        "",
        False,
        "Đánh giá hài lòng với trả lời phản ánh, kiến nghị / số đánh giá trong kỳ.",
    ),
    (
        "6.3",
        6,
        "Mức độ hài lòng trong tiếp nhận, giải quyết hồ sơ",
        "6",
        "90",
        True,
        "",
        False,
        "100% − (tỷ lệ hồ sơ quá hạn của tiêu chí 2.1 + tỷ lệ đánh giá không hài lòng, rất "
        "không hài lòng với việc giải quyết hồ sơ trong kỳ).",
    ),
]


def seed_criteria(model) -> int:  # type: ignore[no-untyped-def]
    """Creates the missing criteria with `model` (the real model, or the migration's
    historical one); returns how many were created."""
    created = 0
    for order, row in enumerate(CRITERIA, start=1):
        code, group, name, top, threshold, applicable, reason, assumption, description = row
        _criterion, new = model.objects.get_or_create(
            code=code,
            defaults={
                "group": group,
                "group_name": GROUPS[group],
                "name": name,
                "description": description,
                "max_points": Decimal(top),
                "threshold": Decimal(threshold),
                "applicable": applicable,
                "reason": reason,
                "is_assumption": assumption,
                "order": order,
            },
        )
        created += new
    return created
