
import django.core.validators
import django.db.models.deletion
import motcua.feedback.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('catalog', '0002_component_is_required'),
        ('dossiers', '0003_active_queue_index'),
        ('organization', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='FeedbackCategory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(max_length=40, unique=True, verbose_name='mã')),
                ('name', models.CharField(max_length=255, verbose_name='tên nhóm')),
                ('description', models.TextField(blank=True, verbose_name='mô tả')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='thứ tự')),
                ('is_active', models.BooleanField(default=True, verbose_name='đang dùng')),
            ],
            options={
                'verbose_name': 'nhóm phản ánh, kiến nghị',
                'verbose_name_plural': 'nhóm phản ánh, kiến nghị',
                'ordering': ['order', 'name'],
            },
        ),
        migrations.CreateModel(
            name='Feedback',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('tracking_code', models.CharField(max_length=16, unique=True, verbose_name='mã theo dõi')),
                ('kind', models.CharField(choices=[('procedure', 'Phản ánh về thủ tục hành chính'), ('dossier', 'Phản ánh về việc giải quyết hồ sơ'), ('conduct', 'Phản ánh về hành vi, thái độ của cán bộ'), ('proposal', 'Kiến nghị đơn giản hóa thủ tục')], max_length=16, verbose_name='loại')),
                ('conduct_issue', models.CharField(blank=True, choices=[('harassment', 'Gây phiền hà, sách nhiễu'), ('extra_papers', 'Yêu cầu thêm giấy tờ ngoài quy định'), ('delay', 'Chậm trễ, trễ hẹn'), ('other', 'Khác')], max_length=16, verbose_name='hành vi bị phản ánh')),
                ('title', models.CharField(max_length=255, verbose_name='tiêu đề')),
                ('content', models.TextField(verbose_name='nội dung')),
                ('procedure_code', models.CharField(blank=True, db_index=True, max_length=64, verbose_name='mã thủ tục')),
                ('officer_name', models.CharField(blank=True, max_length=255, verbose_name='cán bộ bị phản ánh')),
                ('anonymous', models.BooleanField(default=False, verbose_name='gửi ẩn danh')),
                ('filer_name', models.CharField(blank=True, max_length=255, verbose_name='họ tên người gửi')),
                ('filer_phone', models.CharField(blank=True, max_length=16, verbose_name='điện thoại')),
                ('filer_email', models.EmailField(blank=True, max_length=254, verbose_name='thư điện tử')),
                ('filer_address', models.CharField(blank=True, max_length=500, verbose_name='địa chỉ')),
                ('status', models.CharField(choices=[('new', 'Chờ tiếp nhận'), ('received', 'Đã tiếp nhận'), ('processing', 'Đang xử lý'), ('waiting_info', 'Chờ người gửi bổ sung thông tin'), ('answered', 'Đã có trả lời, chờ duyệt công khai'), ('published', 'Đã trả lời và công khai'), ('refused', 'Từ chối xử lý')], default='new', max_length=16, verbose_name='trạng thái')),
                ('resume_status', models.CharField(blank=True, choices=[('new', 'Chờ tiếp nhận'), ('received', 'Đã tiếp nhận'), ('processing', 'Đang xử lý'), ('waiting_info', 'Chờ người gửi bổ sung thông tin'), ('answered', 'Đã có trả lời, chờ duyệt công khai'), ('published', 'Đã trả lời và công khai'), ('refused', 'Từ chối xử lý')], max_length=16, verbose_name='trạng thái khi có bổ sung')),
                ('filed_at', models.DateTimeField(verbose_name='gửi lúc')),
                ('received_at', models.DateTimeField(blank=True, null=True, verbose_name='tiếp nhận lúc')),
                ('decide_due_at', models.DateTimeField(verbose_name='hạn tiếp nhận hoặc từ chối')),
                ('info_due_at', models.DateTimeField(verbose_name='hạn đề nghị bổ sung thông tin')),
                ('answer_due_at', models.DateTimeField(verbose_name='hạn trả lời')),
                ('publish_due_at', models.DateTimeField(blank=True, null=True, verbose_name='hạn công khai')),
                ('due_at', models.DateTimeField(blank=True, help_text='Trống khi đang chờ người gửi bổ sung hoặc đã kết thúc.', null=True, verbose_name='hạn của bước hiện tại')),
                ('paused_at', models.DateTimeField(blank=True, null=True, verbose_name='chờ bổ sung từ')),
                ('paused_seconds', models.BigIntegerField(default=0, verbose_name='thời gian chờ bổ sung (giây làm việc)')),
                ('was_late', models.BooleanField(default=False, help_text='Một bước nào đó làm sau hạn.', verbose_name='có bước trễ hạn')),
                ('info_request', models.TextField(blank=True, verbose_name='nội dung đề nghị bổ sung')),
                ('refusal_reason', models.TextField(blank=True, verbose_name='lý do từ chối')),
                ('answer', models.TextField(blank=True, verbose_name='nội dung trả lời')),
                ('answered_at', models.DateTimeField(blank=True, null=True, verbose_name='trả lời lúc')),
                ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='công khai lúc')),
                ('public_title', models.CharField(blank=True, max_length=255, verbose_name='tiêu đề công khai')),
                ('public_question', models.TextField(blank=True, verbose_name='nội dung công khai')),
                ('public_answer', models.TextField(blank=True, verbose_name='trả lời công khai')),
                ('search_text', models.TextField(blank=True, editable=False, verbose_name='nội dung tìm kiếm')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='kết thúc lúc')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                ('answered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người trả lời')),
                ('assignee', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='assigned_feedback', to=settings.AUTH_USER_MODEL, verbose_name='chuyên viên được giao')),
                ('dossier', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='dossiers.dossier', verbose_name='hồ sơ')),
                ('filer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='feedback', to=settings.AUTH_USER_MODEL, verbose_name='tài khoản người gửi')),
                ('procedure', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='catalog.procedure', verbose_name='thủ tục (phiên bản)')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='feedback', to='organization.unit', verbose_name='đơn vị xử lý')),
                ('category', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='feedback', to='feedback.feedbackcategory', verbose_name='nhóm')),
            ],
            options={
                'verbose_name': 'phản ánh, kiến nghị',
                'verbose_name_plural': 'phản ánh, kiến nghị',
                'ordering': ['-filed_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='FeedbackEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(choices=[('file', 'Gửi phản ánh, kiến nghị'), ('receive', 'Tiếp nhận'), ('classify', 'Phân loại'), ('assign', 'Giao xử lý'), ('refuse', 'Từ chối xử lý'), ('request-info', 'Đề nghị người gửi bổ sung thông tin'), ('reply', 'Người gửi bổ sung thông tin'), ('answer', 'Trả lời'), ('return-answer', 'Trả lại dự thảo trả lời'), ('publish', 'Duyệt và công khai trả lời'), ('rate', 'Người gửi đánh giá trả lời')], max_length=16, verbose_name='thao tác')),
                ('at', models.DateTimeField(verbose_name='thời điểm')),
                ('actor_name', models.CharField(blank=True, max_length=255, verbose_name='tên người thực hiện')),
                ('from_status', models.CharField(blank=True, choices=[('new', 'Chờ tiếp nhận'), ('received', 'Đã tiếp nhận'), ('processing', 'Đang xử lý'), ('waiting_info', 'Chờ người gửi bổ sung thông tin'), ('answered', 'Đã có trả lời, chờ duyệt công khai'), ('published', 'Đã trả lời và công khai'), ('refused', 'Từ chối xử lý')], max_length=16, verbose_name='từ trạng thái')),
                ('to_status', models.CharField(choices=[('new', 'Chờ tiếp nhận'), ('received', 'Đã tiếp nhận'), ('processing', 'Đang xử lý'), ('waiting_info', 'Chờ người gửi bổ sung thông tin'), ('answered', 'Đã có trả lời, chờ duyệt công khai'), ('published', 'Đã trả lời và công khai'), ('refused', 'Từ chối xử lý')], max_length=16, verbose_name='sang trạng thái')),
                ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                ('due_at', models.DateTimeField(blank=True, null=True, verbose_name='hạn của bước')),
                ('on_time', models.BooleanField(blank=True, null=True, verbose_name='đúng hạn')),
                ('data', models.JSONField(blank=True, default=dict)),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người thực hiện')),
                ('feedback', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='feedback.feedback')),
                ('to_unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organization.unit', verbose_name='giao đơn vị')),
                ('to_user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='giao chuyên viên')),
            ],
            options={
                'verbose_name': 'bước xử lý phản ánh',
                'verbose_name_plural': 'quá trình xử lý phản ánh',
                'ordering': ['at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='FeedbackAttachment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(max_length=255, upload_to=motcua.feedback.models.attachment_path, verbose_name='tệp')),
                ('original_name', models.CharField(max_length=255, verbose_name='tên tệp gốc')),
                ('size', models.PositiveBigIntegerField(verbose_name='dung lượng (byte)')),
                ('content_type', models.CharField(max_length=64, verbose_name='định dạng')),
                ('sha256', models.CharField(max_length=64, verbose_name='mã kiểm tra SHA-256')),
                ('page_count', models.PositiveIntegerField(blank=True, null=True, verbose_name='số trang')),
                ('uploaded_at', models.DateTimeField(verbose_name='tải lên lúc')),
                ('feedback', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='feedback.feedback')),
                ('event', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='attachments', to='feedback.feedbackevent', verbose_name='gửi kèm bước')),
            ],
            options={
                'verbose_name': 'tệp đính kèm phản ánh',
                'verbose_name_plural': 'tệp đính kèm phản ánh',
                'ordering': ['uploaded_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='FeedbackSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('refuse_days', models.DecimalField(decimal_places=1, default=Decimal('2'), help_text='Tính từ khi người dân gửi phản ánh.', max_digits=4, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='thời hạn tiếp nhận hoặc từ chối (ngày làm việc)')),
                ('info_days', models.DecimalField(decimal_places=1, default=Decimal('5'), help_text='Tính từ khi người dân gửi phản ánh.', max_digits=4, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='thời hạn đề nghị bổ sung thông tin (ngày làm việc)')),
                ('answer_days', models.DecimalField(decimal_places=1, default=Decimal('15'), help_text='Tính từ khi người dân gửi phản ánh; thời gian chờ bổ sung thông tin không tính.', max_digits=4, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='thời hạn trả lời (ngày làm việc)')),
                ('publish_days', models.DecimalField(decimal_places=1, default=Decimal('2'), help_text='Tính từ khi có trả lời.', max_digits=4, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='thời hạn công khai trả lời (ngày làm việc)')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                ('default_unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organization.unit', verbose_name='đơn vị tiếp nhận mặc định')),
            ],
            options={
                'verbose_name': 'cấu hình phản ánh, kiến nghị',
                'verbose_name_plural': 'cấu hình phản ánh, kiến nghị',
            },
        ),
        migrations.CreateModel(
            name='DossierRating',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('level', models.PositiveSmallIntegerField(choices=[(5, 'Rất hài lòng'), (4, 'Hài lòng'), (3, 'Bình thường'), (2, 'Không hài lòng'), (1, 'Rất không hài lòng')], verbose_name='mức độ hài lòng')),
                ('guidance', models.BooleanField(blank=True, null=True, verbose_name='Được hướng dẫn đầy đủ, dễ hiểu')),
                ('timeliness', models.BooleanField(blank=True, null=True, verbose_name='Được giải quyết đúng hẹn')),
                ('attitude', models.BooleanField(blank=True, null=True, verbose_name='Cán bộ có thái độ đúng mực, tận tình')),
                ('no_extra_papers', models.BooleanField(blank=True, null=True, verbose_name='Không bị yêu cầu thêm giấy tờ ngoài quy định')),
                ('cost', models.BooleanField(blank=True, null=True, verbose_name='Chi phí đúng quy định, không phát sinh')),
                ('comment', models.TextField(blank=True, verbose_name='ý kiến')),
                ('channel', models.CharField(choices=[('online', 'Trực tuyến, bằng tài khoản'), ('kiosk', 'Tại quầy, bằng mã hồ sơ và số giấy tờ')], max_length=8, verbose_name='cách đánh giá')),
                ('rated_at', models.DateTimeField(verbose_name='đánh giá lúc')),
                ('dossier', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='rating', to='dossiers.dossier', verbose_name='hồ sơ')),
                ('rated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='tài khoản đánh giá')),
            ],
            options={
                'verbose_name': 'đánh giá giải quyết hồ sơ',
                'verbose_name_plural': 'đánh giá giải quyết hồ sơ',
                'ordering': ['-rated_at', '-pk'],
                'indexes': [models.Index(fields=['rated_at'], name='dossier_rating_at')],
                'constraints': [models.CheckConstraint(condition=models.Q(('level__in', [5, 4, 3, 2, 1])), name='dossier_rating_level_known')],
            },
        ),
        migrations.CreateModel(
            name='AnswerRating',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('satisfied', models.BooleanField(verbose_name='hài lòng')),
                ('reason', models.TextField(blank=True, verbose_name='lý do')),
                ('rated_at', models.DateTimeField(verbose_name='đánh giá lúc')),
                ('feedback', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='rating', to='feedback.feedback', verbose_name='phản ánh')),
            ],
            options={
                'verbose_name': 'đánh giá trả lời phản ánh',
                'verbose_name_plural': 'đánh giá trả lời phản ánh',
                'constraints': [models.CheckConstraint(condition=models.Q(('satisfied', True), models.Q(('reason', ''), _negated=True), _connector='OR'), name='answer_rating_reason_when_not_satisfied')],
            },
        ),
        migrations.AddIndex(
            model_name='feedback',
            index=models.Index(fields=['unit', 'status', 'due_at'], name='feedback_unit_status_due'),
        ),
        migrations.AddIndex(
            model_name='feedback',
            index=models.Index(condition=models.Q(('status__in', ['answered', 'new', 'processing', 'received', 'waiting_info'])), fields=['due_at', 'id'], name='feedback_open_due'),
        ),
        migrations.AddIndex(
            model_name='feedback',
            index=models.Index(fields=['assignee', 'status'], name='feedback_assignee'),
        ),
        migrations.AddIndex(
            model_name='feedback',
            index=models.Index(fields=['status', 'published_at'], name='feedback_published'),
        ),
        migrations.AddIndex(
            model_name='feedback',
            index=models.Index(fields=['kind', 'procedure_code'], name='feedback_kind_procedure'),
        ),
        migrations.AddConstraint(
            model_name='feedback',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['new', 'received', 'processing', 'waiting_info', 'answered', 'published', 'refused'])), name='feedback_status_known'),
        ),
        migrations.AddConstraint(
            model_name='feedback',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['procedure', 'dossier', 'conduct', 'proposal'])), name='feedback_kind_known'),
        ),
        migrations.AddConstraint(
            model_name='feedback',
            constraint=models.CheckConstraint(condition=models.Q(('anonymous', False), models.Q(('filer__isnull', True), ('filer_email', ''), ('filer_name', ''), ('filer_phone', '')), _connector='OR'), name='feedback_anonymous_keeps_no_contact'),
        ),
        migrations.AddIndex(
            model_name='feedbackevent',
            index=models.Index(fields=['feedback', 'at'], name='feedback_event_at'),
        ),
        migrations.AddConstraint(
            model_name='feedbacksettings',
            constraint=models.CheckConstraint(condition=models.Q(('id', 1)), name='feedback_settings_one_row'),
        ),
    ]
