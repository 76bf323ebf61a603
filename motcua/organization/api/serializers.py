from rest_framework import serializers

from motcua.organization.models import Unit


class UnitOutputSerializer(serializers.ModelSerializer):
    level = serializers.CharField(source="level.code")
    parent = serializers.SerializerMethodField()

    class Meta:
        model = Unit
        fields = [
            "id",
            "name",
            "short_name",
            "code",
            "level",
            "parent",
            "depth",
            "address",
            "phone",
            "email",
        ]

    def get_parent(self, unit: Unit) -> int | None:
        parent_path = unit.path[: -Unit.steplen]
        return self.context.get("ids_by_path", {}).get(parent_path)
