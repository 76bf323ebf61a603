"""Vietnamese unless the person chose English.

Django's LocaleMiddleware would follow the browser's Accept-Language, and many Vietnamese
officers and citizens use browsers set to English. The choice is the language switch (cookie).
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class IgnoreBrowserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
