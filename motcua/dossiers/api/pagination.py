"""Page-number pagination without COUNT(*): a queue of a million rows pages in constant time.

The response has `next`, `previous` and `results`; `next` is known by fetching one row more.
"""

from collections.abc import Sequence
from typing import Any

from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from motcua.core.db import fetch_values
from motcua.core.exceptions import InvalidInput


class FastPageNumberPagination(BasePagination):
    page_size = 20
    max_page_size = 200

    def _int(self, request: Request, name: str, default: int, maximum: int) -> int:
        raw = request.query_params.get(name)
        if raw in (None, ""):
            return default
        try:
            value = int(raw)
        except ValueError:
            value = 0
        if value < 1 or value > maximum:
            raise InvalidInput(f"{name} phải là số nguyên từ 1 đến {maximum}.", field=name)
        return value

    def paginate_queryset(self, queryset, request: Request, view=None) -> Sequence[Any]:  # type: ignore[no-untyped-def]
        self.request = request
        self.size = self._int(request, "page_size", self.page_size, self.max_page_size)
        self.page = self._int(request, "page", 1, 1_000_000)
        offset = (self.page - 1) * self.size
        rows = fetch_values(queryset[offset : offset + self.size + 1])
        self.has_next = len(rows) > self.size
        return rows[: self.size]

    def get_paginated_response(self, data: list) -> Response:
        url = self.request.build_absolute_uri()
        next_url = replace_query_param(url, "page", self.page + 1) if self.has_next else None
        previous_url = None
        if self.page > 1:
            previous_url = (
                remove_query_param(url, "page")
                if self.page == 2
                else replace_query_param(url, "page", self.page - 1)
            )
        return Response({"next": next_url, "previous": previous_url, "results": data})

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["results"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:  # type: ignore[no-untyped-def]
        return [
            {
                "name": "page",
                "required": False,
                "in": "query",
                "schema": {"type": "integer"},
                "description": "Trang (từ 1).",
            },
            {
                "name": "page_size",
                "required": False,
                "in": "query",
                "schema": {"type": "integer", "maximum": self.max_page_size},
                "description": "Số hồ sơ mỗi trang (tối đa 200).",
            },
        ]
