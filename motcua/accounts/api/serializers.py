from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from motcua.accounts.models import ApplicantKind, User


class TokenInputSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("tên đăng nhập"))
    password = serializers.CharField(label=_("mật khẩu"), style={"input_type": "password"})


class TokenOutputSerializer(serializers.Serializer):
    token = serializers.CharField()


class RegisterInputSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=150)
    citizen_id = serializers.CharField(max_length=12)
    password = serializers.CharField(write_only=True)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    applicant_kind = serializers.ChoiceField(
        choices=ApplicantKind.choices, default=ApplicantKind.INDIVIDUAL
    )
    organization_name = serializers.CharField(required=False, allow_blank=True, default="")
    tax_code = serializers.CharField(required=False, allow_blank=True, default="")


class UserOutputSerializer(serializers.ModelSerializer):
    units = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "full_name",
            "role",
            "applicant_kind",
            "citizen_id",
            "organization_name",
            "tax_code",
            "phone",
            "email",
            "position",
            "units",
        ]
