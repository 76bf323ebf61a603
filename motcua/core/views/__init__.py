from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from motcua.catalog.selectors import field_summaries


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"fields": field_summaries()})


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
