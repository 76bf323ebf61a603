from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from motcua.accounts import services
from motcua.accounts.api.serializers import (
    RegisterInputSerializer,
    TokenInputSerializer,
    TokenOutputSerializer,
    UserOutputSerializer,
)


class TokenObtainApi(APIView):
    """Exchange a username and password for an API token (`Authorization: Token <token>`)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(request=TokenInputSerializer, responses={200: TokenOutputSerializer})
    def post(self, request):  # type: ignore[no-untyped-def]
        data = TokenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        token = services.token_obtain(request=request._request, **data.validated_data)
        return Response({"token": token.key})


class RegisterThrottle(AnonRateThrottle):
    rate = "30/hour"


class RegisterApi(APIView):
    """Register a citizen or business account."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [RegisterThrottle]

    @extend_schema(request=RegisterInputSerializer, responses={201: UserOutputSerializer})
    def post(self, request):  # type: ignore[no-untyped-def]
        data = RegisterInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.citizen_register(**data.validated_data)
        return Response(UserOutputSerializer(user).data, status=status.HTTP_201_CREATED)


class MeApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: UserOutputSerializer})
    def get(self, request):  # type: ignore[no-untyped-def]
        return Response(UserOutputSerializer(request.user).data)
