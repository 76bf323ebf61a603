from rest_framework import generics
from rest_framework.permissions import AllowAny

from motcua.organization.api.serializers import UnitOutputSerializer
from motcua.organization.selectors import unit_tree


class UnitListApi(generics.ListAPIView):
    """The public tree of active units, in tree order (`parent` gives the structure)."""

    permission_classes = [AllowAny]
    serializer_class = UnitOutputSerializer
    pagination_class = None

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return unit_tree().filter(is_active=True)

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        context["ids_by_path"] = dict(self.get_queryset().values_list("path", "id"))
        return context
