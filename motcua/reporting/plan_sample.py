"""A realistic appendix of Plan 306/KH-GDĐT as xlsx, for the demo and the tests.

The seed (`shared/seed/`) says the plan has 25 tasks "chi tiết theo phụ lục đính kèm" but the
appendix itself is not in it; these 25 rows are written from the plan's own text (section II.2
and section VI), one task per commitment, with the department as lead unit and the timing and
product such a plan gives. Some time cells are text ("Thường xuyên", "Quý II/2024"), as real
appendices have them.
"""

import io
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

DEPARTMENT = "Phòng Giáo dục và Đào tạo"
SCHOOLS = "Các trường mầm non, tiểu học, trung học cơ sở (công lập và ngoài công lập)"
ONE_STOP = "Bộ phận tiếp nhận và trả kết quả"


@dataclass(frozen=True)
class SampleTask:
    group: str
    content: str
    lead: str
    coordinating: str
    start: str  # "MM-DD", or text as written in the appendix
    end: str
    product: str


GROUPS = {
    "I": "Nâng cao hiệu quả thực thi thủ tục hành chính phục vụ người dân, doanh nghiệp",
    "II": "Cải cách thủ tục hành chính, đề xuất đơn giản hóa",
    "III": "Hiện đại hóa phương thức chỉ đạo, điều hành",
    "IV": "Tổ chức thực hiện",
}

TASKS = [
    SampleTask(
        "I",
        "Công khai, minh bạch việc tiếp nhận, giải quyết thủ tục hành chính; bảo đảm 100% thủ "
        "tục hành chính được công bố, công khai đầy đủ, đúng hạn",
        DEPARTMENT,
        f"{ONE_STOP}; {SCHOOLS}",
        "Thường xuyên",
        "Thường xuyên",
        "Danh mục thủ tục hành chính được niêm yết, công khai",
    ),
    SampleTask(
        "I",
        "Theo dõi 100% hồ sơ thủ tục hành chính trên Hệ thống thông tin giải quyết thủ tục "
        "hành chính Thành phố, đồng bộ với Cổng Dịch vụ công quốc gia",
        DEPARTMENT,
        ONE_STOP,
        "01-02",
        "12-15",
        "Báo cáo tình hình đồng bộ hồ sơ hằng quý",
    ),
    SampleTask(
        "I",
        "Kiện toàn Bộ phận tiếp nhận giải quyết thủ tục hành chính; triển khai Bộ nhận diện "
        "thương hiệu Bộ phận Một cửa theo Quyết định số 468/QĐ-TTg",
        DEPARTMENT,
        "Văn phòng Ủy ban nhân dân quận",
        "04-01",
        "Quý II/{year}",
        "Quyết định kiện toàn Bộ phận Một cửa",
    ),
    SampleTask(
        "I",
        "Quán triệt việc tiếp nhận, giải quyết, trả kết quả; xử lý nghiêm các trường hợp nhũng "
        "nhiễu, tự ý đặt thêm thủ tục, hồ sơ, bổ sung nhiều lần, chậm trễ hồ sơ",
        DEPARTMENT,
        SCHOOLS,
        "04-01",
        "04-30",
        "Văn bản quán triệt của Trưởng phòng",
    ),
    SampleTask(
        "I",
        "Người đứng đầu trực tiếp chỉ đạo, kiểm soát các trường hợp hồ sơ trễ hạn, bổ sung "
        "nhiều lần",
        DEPARTMENT,
        ONE_STOP,
        "Thường xuyên",
        "Thường xuyên",
        "Danh sách hồ sơ trễ hạn được rà soát hằng tháng",
    ),
    SampleTask(
        "I",
        "Nâng cao chất lượng phục vụ; công khai kết quả đánh giá chất lượng phục vụ người dân, "
        "doanh nghiệp theo Quyết định số 766/QĐ-TTg",
        DEPARTMENT,
        ONE_STOP,
        "04-01",
        "12-15",
        "Kết quả đánh giá được công khai hằng quý",
    ),
    SampleTask(
        "I",
        "Đẩy nhanh số hóa hồ sơ, kết quả giải quyết thủ tục hành chính theo Nghị định số "
        "45/2020/NĐ-CP và Nghị định số 107/2021/NĐ-CP",
        DEPARTMENT,
        f"{ONE_STOP}; Trường THCS Lữ Gia; Trường Tiểu học Phú Thọ",
        "04-01",
        "11-30",
        "Hồ sơ, kết quả được số hóa trên hệ thống",
    ),
    SampleTask(
        "I",
        "Hướng dẫn, tập huấn số hóa cho cán bộ, công chức, viên chức tham gia tiếp nhận, "
        "giải quyết thủ tục hành chính",
        DEPARTMENT,
        SCHOOLS,
        "Tháng 5/{year}",
        "Tháng 6/{year}",
        "Lớp tập huấn và tài liệu hướng dẫn",
    ),
    SampleTask(
        "I",
        "Cung cấp 100% kết quả giải quyết thủ tục hành chính kèm bản điện tử có đầy đủ giá trị "
        "pháp lý",
        DEPARTMENT,
        ONE_STOP,
        "04-01",
        "12-15",
        "Kết quả điện tử được ký số",
    ),
    SampleTask(
        "I",
        "Không yêu cầu người dân cung cấp lại giấy tờ, kết quả thủ tục hành chính đã được số hóa",
        DEPARTMENT,
        ONE_STOP,
        "Thường xuyên",
        "Thường xuyên",
        "Quy trình tái sử dụng dữ liệu số hóa",
    ),
    SampleTask(
        "I",
        "Đẩy mạnh dịch vụ công trực tuyến; tiếp nhận 100% hồ sơ trực tuyến đối với thủ tục đủ "
        "điều kiện",
        DEPARTMENT,
        f"{ONE_STOP}; {SCHOOLS}",
        "04-01",
        "12-15",
        "Tỷ lệ hồ sơ trực tuyến được báo cáo hằng quý",
    ),
    SampleTask(
        "I",
        "Thúc đẩy thanh toán trực tuyến; nghiên cứu, đề xuất giảm phí, lệ phí khi thanh toán "
        "trực tuyến",
        DEPARTMENT,
        "Phòng Tài chính - Kế hoạch",
        "Quý II/{year}",
        "Quý III/{year}",
        "Văn bản đề xuất gửi cấp có thẩm quyền",
    ),
    SampleTask(
        "I",
        "Tiếp nhận, xử lý phản ánh, kiến nghị về thủ tục hành chính đúng hạn, không để kéo dài",
        DEPARTMENT,
        ONE_STOP,
        "Thường xuyên",
        "Thường xuyên",
        "Sổ theo dõi phản ánh, kiến nghị",
    ),
    SampleTask(
        "II",
        "Rà soát, đánh giá, đề xuất cắt giảm, đơn giản hóa thủ tục hành chính liên quan đến "
        "hoạt động kinh doanh",
        DEPARTMENT,
        SCHOOLS,
        "Quý II/{year}",
        "09-30",
        "Báo cáo rà soát và phương án đơn giản hóa",
    ),
    SampleTask(
        "II",
        "Rà soát các thủ tục hành chính 03 năm không phát sinh hồ sơ",
        DEPARTMENT,
        ONE_STOP,
        "06-01",
        "08-31",
        "Danh sách thủ tục không phát sinh hồ sơ, kiến nghị xử lý",
    ),
    SampleTask(
        "II",
        "Kiểm soát việc cung cấp thủ tục hành chính trên môi trường điện tử; mô hình, sáng kiến "
        "cải cách thủ tục hành chính",
        DEPARTMENT,
        SCHOOLS,
        "04-01",
        "11-30",
        "Sáng kiến, mô hình được đăng ký",
    ),
    SampleTask(
        "II",
        "Rà soát, đơn giản hóa thủ tục hành chính nội bộ theo Quyết định số 1085/QĐ-TTg và "
        "Quyết định số 4324/QĐ-UBND",
        DEPARTMENT,
        "Văn phòng Ủy ban nhân dân quận",
        "Quý II/{year}",
        "Quý III/{year}",
        "Báo cáo rà soát thủ tục nội bộ",
    ),
    SampleTask(
        "II",
        "Triển khai thực thi phương án đơn giản hóa thủ tục hành chính nội bộ đã được Chủ tịch "
        "Ủy ban nhân dân Thành phố phê duyệt",
        DEPARTMENT,
        ONE_STOP,
        "07-01",
        "12-15",
        "Quy trình nội bộ được cập nhật",
    ),
    SampleTask(
        "III",
        "Kết nối, tích hợp, chia sẻ thông tin, dữ liệu giữa các hệ thống thông tin phục vụ chỉ "
        "đạo, điều hành và giải quyết thủ tục hành chính",
        DEPARTMENT,
        SCHOOLS,
        "04-01",
        "12-15",
        "Dữ liệu được kết nối, chia sẻ",
    ),
    SampleTask(
        "III",
        "Thực hiện ký số, gửi nhận văn bản và xử lý hồ sơ công việc trên môi trường điện tử",
        DEPARTMENT,
        SCHOOLS,
        "Thường xuyên",
        "Thường xuyên",
        "Tỷ lệ văn bản điện tử được ký số",
    ),
    SampleTask(
        "III",
        "Chuẩn hóa chế độ báo cáo theo Nghị định số 09/2019/NĐ-CP",
        DEPARTMENT,
        SCHOOLS,
        "04-01",
        "06-30",
        "Bộ biểu mẫu báo cáo định kỳ thống nhất",
    ),
    SampleTask(
        "IV",
        "Xây dựng Kế hoạch triển khai thực hiện Nghị quyết số 131/NQ-CP của từng đơn vị, gửi "
        "Phòng Giáo dục và Đào tạo",
        SCHOOLS,
        DEPARTMENT,
        "03-27",
        "Trước 05/4/{year}",
        "Kế hoạch của các đơn vị",
    ),
    SampleTask(
        "IV",
        "Theo dõi, rà soát, cập nhật thủ tục hành chính mới ban hành, sửa đổi, bổ sung, bãi bỏ, "
        "thay thế",
        DEPARTMENT,
        ONE_STOP,
        "Thường xuyên",
        "Thường xuyên",
        "Danh mục thủ tục được cập nhật kịp thời",
    ),
    SampleTask(
        "IV",
        "Báo cáo kết quả thực hiện Nghị quyết số 131/NQ-CP định kỳ theo quý, năm gửi Văn phòng "
        "Ủy ban nhân dân quận",
        DEPARTMENT,
        SCHOOLS,
        "04-01",
        "12-05",
        "Báo cáo quý, báo cáo năm",
    ),
    SampleTask(
        "IV",
        "Phân công công chức phụ trách các nhóm thủ tục (thành lập, sáp nhập, giải thể trường; "
        "cấp bản sao, chỉnh sửa văn bằng, chứng chỉ)",
        DEPARTMENT,
        "Tổ Hành chính - Tổ chức",
        "03-27",
        "04-15",
        "Quyết định phân công",
    ),
]


def sample_cell(value: str, year: int) -> object:
    """A time cell as the appendix has it: a date for "MM-DD", the text otherwise."""
    if len(value) == 5 and value[2] == "-" and value.replace("-", "").isdigit():
        return date(year, int(value[:2]), int(value[3:]))
    return value.format(year=year)


def sample_plan_xlsx(year: int = 2024) -> bytes:
    """The appendix as an xlsx file (bytes): a title, the header, group rows and 25 tasks."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phụ lục"
    bold = Font(name="Times New Roman", bold=True)
    plain = Font(name="Times New Roman")
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.append(["PHỤ LỤC"])
    sheet.append(
        [
            "DANH MỤC NHIỆM VỤ TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 131/NQ-CP NĂM "
            f"{year} (Kèm theo Kế hoạch số 306/KH-GDĐT của Phòng Giáo dục và Đào tạo)"
        ]
    )
    sheet.append([])
    header = [
        "STT",
        "Nội dung công việc",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời gian bắt đầu",
        "Thời gian kết thúc",
        "Dự kiến sản phẩm",
    ]
    sheet.append(header)
    for cell in sheet[4]:
        cell.font = bold
        cell.border = border
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    group = ""
    for number, task in enumerate(TASKS, start=1):
        if task.group != group:
            group = task.group
            sheet.append([group, GROUPS[group]])
            for cell in sheet[sheet.max_row]:
                cell.font = bold
        sheet.append(
            [
                number,
                task.content,
                task.lead,
                task.coordinating,
                sample_cell(task.start, year),
                sample_cell(task.end, year),
                task.product,
            ]
        )
        for cell in sheet[sheet.max_row]:
            cell.font = plain
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for column in (5, 6):
            sheet.cell(row=sheet.max_row, column=column).number_format = "DD/MM/YYYY"
    for letter, width in zip("ABCDEFG", (6, 60, 24, 36, 14, 14, 36), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
