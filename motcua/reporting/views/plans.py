"""The implementation plan: the list with the xlsx import, a plan's overview, timeline and
tasks, a task's progress updates with evidence."""

from datetime import date, timedelta

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from motcua.core.clock import local, now
from motcua.core.exceptions import DomainError
from motcua.core.web import put_errors
from motcua.reporting import selectors, services
from motcua.reporting.downloads import serve_file
from motcua.reporting.forms import PlanImportForm, TaskUpdateForm
from motcua.reporting.plan_sample import sample_plan_xlsx
from motcua.reporting.views.common import staff_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_required
def plan_list(request: HttpRequest) -> HttpResponse:
    form = PlanImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"year": local(now()).year},
    )
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                plan = services.plan_import(
                    actor=request.user,
                    number=data["number"],
                    title=data["title"],
                    year=data["year"],
                    issued_on=data["issued_on"],
                    file=data["file"],
                )
            except DomainError as exc:
                if exc.status == 403:
                    raise
                put_errors(form, exc)
                for message in exc.errors.get("file", [])[1:]:
                    form.add_error("file", message)
            else:
                messages.success(
                    request,
                    _("Đã nhập kế hoạch %(number)s với %(n)s nhiệm vụ.")
                    % {"number": plan.number, "n": plan.tasks.count()},
                )
                return redirect("reporting:plan", pk=plan.pk)
    plans = selectors.plans_visible_to(request.user)
    return render(request, "reporting/plans.html", {"plans": plans, "form": form}, status=status)


@staff_required
def plan_sample(request: HttpRequest) -> HttpResponse:
    year = local(now()).year
    response = HttpResponse(sample_plan_xlsx(year), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="phu-luc-ke-hoach-mau-{year}.xlsx"'
    return response


def _timeline(tasks: list, year: int) -> dict:  # type: ignore[type-arg]
    """Bars as percentages of the timeline span (the plan's year, widened to its tasks)."""
    start = min([date(year, 1, 1), *[t.starts_on for t in tasks]])
    end = max([date(year, 12, 31), *[t.ends_on for t in tasks]])
    span = (end - start).days + 1
    for task in tasks:
        task.bar_left = round((task.starts_on - start).days * 100 / span, 2)
        task.bar_width = max(round(((task.ends_on - task.starts_on).days + 1) * 100 / span, 2), 0.6)
    months = []
    cursor = date(start.year, start.month, 1)
    while cursor <= end:
        months.append(
            {
                "label": f"{cursor.month}/{cursor.year % 100:02d}",
                "left": round(max((cursor - start).days, 0) * 100 / span, 2),
            }
        )
        cursor = (cursor.replace(day=28) + timedelta(days=4)).replace(day=1)
    today = local(now()).date()
    today_left = round((today - start).days * 100 / span, 2) if start <= today <= end else None
    return {"months": months, "today_left": today_left, "start": start, "end": end}


@staff_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(pk=pk, user=request.user)
    today = local(now()).date()
    tasks = selectors.plan_tasks(plan, today=today)
    return render(
        request,
        "reporting/plan.html",
        {
            "plan": plan,
            "tasks": tasks,
            "overview": selectors.plan_overview(plan, today=today),
            "timeline": _timeline(tasks, plan.year),
            "overdue_count": sum(1 for t in tasks if t.overdue),
        },
    )


@staff_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(pk=pk, user=request.user)
    can_update = selectors.can_update_task(request.user, task)
    form = TaskUpdateForm(
        request.POST or None, initial={"status": task.status, "percent": task.percent}
    )
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            uploads = [services.Upload(f, f.name) for f in request.FILES.getlist("files")]
            try:
                services.task_update(
                    task_id=task.pk,
                    actor=request.user,
                    status=form.cleaned_data["status"],
                    percent=form.cleaned_data["percent"],
                    note=form.cleaned_data["note"],
                    uploads=uploads,
                )
            except DomainError as exc:
                if exc.status == 403:
                    raise
                put_errors(form, exc)
            else:
                messages.success(request, _("Đã cập nhật tiến độ nhiệm vụ."))
                return redirect("reporting:task", pk=task.pk)
    task.overdue = selectors.task_overdue(task, local(now()).date())
    return render(
        request,
        "reporting/task.html",
        {
            "task": task,
            "form": form if can_update else None,
            "updates": selectors.task_updates(task),
        },
        status=status,
    )


@staff_required
def evidence_download(request: HttpRequest, pk: int, evidence_id: int) -> HttpResponse:
    row = selectors.evidence_get(task_id=pk, evidence_id=evidence_id, user=request.user)
    return serve_file(
        row.file, sha256=row.sha256, filename=row.original_name, content_type=row.content_type
    )
