"""The public feedback pages: filing (with or without an account), tracking by code with the
filer's reply and rating, the attachment download, the filer's own list, and the published
answers (personal data removed)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.catalog.selectors import published_procedures
from motcua.core.exceptions import DomainError, NotFound
from motcua.core.web import http_status, put_errors
from motcua.feedback import selectors, services
from motcua.feedback.downloads import attachment_response
from motcua.feedback.forms import AnswerRatingForm, FileForm, ReplyForm, TrackForm
from motcua.feedback.models import Feedback
from motcua.feedback.throttles import FeedbackFileThrottle, FeedbackTrackThrottle, allowed
from motcua.feedback.views.common import message_page
from motcua.feedback.workflow import Status

PAGE_SIZE = 20


def _too_many(request: HttpRequest) -> HttpResponse:
    return message_page(
        request,
        title=_("Quá nhiều yêu cầu"),
        message=_("Bạn đã thao tác quá nhiều lần. Vui lòng thử lại sau ít phút."),
        status=429,
    )


def file_feedback(request: HttpRequest) -> HttpResponse:
    user = request.user
    initial = {}
    if user.is_authenticated and not user.is_staff_member:
        initial = {"name": user.display_name, "phone": user.phone, "email": user.email}
    for name in ("procedure", "dossier", "kind"):
        if request.GET.get(name):
            initial[name] = request.GET[name]
    form = FileForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        if not allowed(FeedbackFileThrottle, request):
            return _too_many(request)
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                feedback = services.feedback_file(
                    kind=data["kind"],
                    title=data["title"],
                    content=data["content"],
                    procedure_code=data["procedure"],
                    dossier_code=data["dossier"],
                    conduct_issue=data["conduct_issue"],
                    officer_name=data["officer_name"],
                    unit_id=int(data["unit"]) if data["unit"] else None,
                    anonymous=data["anonymous"],
                    contact=services.Contact(
                        name=data["name"],
                        phone=data["phone"],
                        email=data["email"],
                        address=data["address"],
                    ),
                    attachments=form.attachments_list(),
                    filer=user,
                )
            except DomainError as exc:
                put_errors(form, exc, form.field_for_error)
                status = http_status(exc)
            else:
                messages.success(
                    request,
                    _(
                        "Đã gửi phản ánh, kiến nghị. Mã theo dõi của bạn: %(code)s. "
                        "Hãy ghi lại mã này để theo dõi kết quả."
                    )
                    % {"code": feedback.tracking_code},
                )
                return redirect(services.tracking_url(feedback.tracking_code))
    return render(request, "feedback/file.html", {"form": form}, status=status)


def _track_context(request: HttpRequest, feedback: Feedback, **forms) -> dict:  # type: ignore[no-untyped-def]
    user = request.user
    owner_ok = not feedback.filer_id or (user.is_authenticated and feedback.filer_id == user.pk)
    rating = selectors.rating_of(feedback)
    context = {
        "feedback": feedback,
        "rating": rating,
        "owner_ok": owner_ok,
        "events": [e for e in feedback.events.all() if e.action != "rate"],
        "reply_form": None,
        "rating_form": None,
    }
    if feedback.status == Status.WAITING_INFO:
        context["reply_form"] = forms.get("reply_form") or ReplyForm(prefix="reply")
    if feedback.status == Status.PUBLISHED and rating is None:
        context["rating_form"] = forms.get("rating_form") or AnswerRatingForm(prefix="rating")
    return context


def track(request: HttpRequest) -> HttpResponse:
    submitted = "ma" in request.GET
    if submitted and not allowed(FeedbackTrackThrottle, request):
        return _too_many(request)
    form = TrackForm(request.GET if submitted else None)
    context: dict = {"form": form, "feedback": None, "not_found": ""}
    status = 200
    if submitted:
        if form.is_valid():
            try:
                feedback = selectors.feedback_track(code=form.cleaned_data["ma"])
            except NotFound as exc:
                context["not_found"] = exc.message
                status = 404
            else:
                context.update(_track_context(request, feedback))
        else:
            status = 422
    response = render(request, "feedback/track.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def _tracked(request: HttpRequest, code: str) -> Feedback | HttpResponse:
    if not allowed(FeedbackTrackThrottle, request):
        return _too_many(request)
    try:
        return selectors.feedback_track(code=code)
    except NotFound as exc:
        return message_page(
            request, title=_("Không tìm thấy phản ánh"), message=exc.message, status=404
        )


def _render_track(request: HttpRequest, feedback: Feedback, status: int, **forms) -> HttpResponse:  # type: ignore[no-untyped-def]
    context = {"form": TrackForm(initial={"ma": feedback.tracking_code}), "not_found": ""}
    context.update(_track_context(request, feedback, **forms))
    return render(request, "feedback/track.html", context, status=status)


@require_POST
def reply(request: HttpRequest, code: str) -> HttpResponse:
    feedback = _tracked(request, code)
    if isinstance(feedback, HttpResponse):
        return feedback
    form = ReplyForm(request.POST, request.FILES, prefix="reply")
    if not form.is_valid():
        return _render_track(request, feedback, 422, reply_form=form)
    try:
        services.feedback_reply(
            code=feedback.tracking_code,
            text=form.cleaned_data["text"],
            attachments=form.attachments_list(),
            user=request.user,
        )
    except DomainError as exc:
        put_errors(form, exc, form.field_for_error)
        feedback = selectors.feedback_track(code=code)
        return _render_track(request, feedback, http_status(exc), reply_form=form)
    messages.success(request, _("Đã gửi thông tin bổ sung. Cảm ơn bạn."))
    return redirect(services.tracking_url(feedback.tracking_code))


@require_POST
def rate_answer(request: HttpRequest, code: str) -> HttpResponse:
    feedback = _tracked(request, code)
    if isinstance(feedback, HttpResponse):
        return feedback
    form = AnswerRatingForm(request.POST, prefix="rating")
    if not form.is_valid():
        return _render_track(request, feedback, 422, rating_form=form)
    try:
        services.answer_rate(
            code=feedback.tracking_code,
            satisfied=form.cleaned_data["satisfied"],
            reason=form.cleaned_data["reason"],
            user=request.user,
        )
    except DomainError as exc:
        put_errors(form, exc, form.field_for_error)
        feedback = selectors.feedback_track(code=code)
        return _render_track(request, feedback, http_status(exc), rating_form=form)
    messages.success(request, _("Cảm ơn bạn đã đánh giá trả lời."))
    return redirect(services.tracking_url(feedback.tracking_code))


def attachment(request: HttpRequest, code: str, attachment_id: int) -> HttpResponse:
    """An attachment for staff who see the item or for its filer; the checksum is checked
    (409 otherwise) and the download logged."""
    if not request.user.is_authenticated and not allowed(FeedbackTrackThrottle, request):
        return _too_many(request)
    try:
        return attachment_response(request, code=code, attachment_id=attachment_id)
    except DomainError as exc:
        title = _("Không tải được tệp") if exc.status == 409 else _("Không tìm thấy tệp")
        return message_page(request, title=title, message=exc.message, status=exc.status)


@login_required
def my_feedback(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.feedback_of_filer(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "feedback/mine.html", {"page": page})


def published(request: HttpRequest) -> HttpResponse:
    """Answered feedback, searchable by procedure and by words (no diacritics needed)."""
    search = request.GET.get("q", "").strip()
    procedure = request.GET.get("procedure", "").strip()
    answers = selectors.published_answers(search=search, procedure=procedure)
    page = Paginator(answers, PAGE_SIZE).get_page(request.GET.get("page"))
    procedures = published_procedures().order_by("name").values_list("code", "name")
    context = {"page": page, "q": search, "procedure": procedure, "procedures": procedures}
    template = "feedback/_published_results.html" if request.htmx else "feedback/published.html"
    return render(request, template, context)
