"""The outbox over the API: the queue (admin or head), retry and dead-letter one event."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.sync import selectors, services
from motcua.sync.models import EventState


class OutboxEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    dossier = serializers.CharField(source="dossier.code")
    sequence = serializers.IntegerField()
    kind = serializers.CharField()
    key = serializers.CharField()
    state = serializers.CharField()
    attempts = serializers.IntegerField()
    next_attempt_at = serializers.DateTimeField()
    last_error = serializers.CharField()
    created_at = serializers.DateTimeField()
    delivered_at = serializers.DateTimeField(allow_null=True)
    payload = serializers.JSONField()


class OutboxListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="sync_outbox_list",
        parameters=[
            OpenApiParameter("state", OpenApiTypes.STR, enum=EventState.values),
            OpenApiParameter("failing", OpenApiTypes.BOOL),
        ],
        responses=OutboxEventSerializer(many=True),
    )
    def get(self, request):  # type: ignore[no-untyped-def]
        state = request.query_params.get("state", "")
        events = selectors.outbox_events(
            user=request.user,
            state=state if state in EventState.values else "",
            failing=request.query_params.get("failing") in ("1", "true"),
        )[:200]
        return Response(OutboxEventSerializer(events, many=True).data)


class OutboxRetryView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="sync_outbox_retry", request=None, responses=OutboxEventSerializer)
    def post(self, request, pk: int):  # type: ignore[no-untyped-def]
        selectors.require_sync_operator(request.user)
        event = services.outbox_event_retry(event_id=pk, actor=request.user)
        return Response(OutboxEventSerializer(event).data)


class OutboxDeadLetterView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="sync_outbox_dead_letter", request=None, responses=OutboxEventSerializer
    )
    def post(self, request, pk: int):  # type: ignore[no-untyped-def]
        selectors.require_sync_operator(request.user)
        event = services.outbox_event_dead_letter(event_id=pk, actor=request.user)
        return Response(OutboxEventSerializer(event).data)
