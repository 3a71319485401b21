from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .models import RSVP, Event
from .permissions import IsOrganiserOrReadOnly
from .serializers import EventSerializer, RSVPSerializer


class EventViewSet(viewsets.ModelViewSet):
    serializer_class = EventSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, IsOrganiserOrReadOnly]

    def get_queryset(self):
        queryset = Event.objects.select_related("organiser")
        if self.request.query_params.get("upcoming") == "true":
            queryset = queryset.filter(starts_at__gte=timezone.now())
        return queryset

    def perform_create(self, serializer):
        serializer.save(organiser=self.request.user)

    @action(detail=True, methods=["post", "delete"], permission_classes=[permissions.IsAuthenticated])
    def rsvp(self, request, pk=None):
        event = self.get_object()
        if request.method == "DELETE":
            deleted, _ = RSVP.objects.filter(event=event, user=request.user).delete()
            return Response(status=status.HTTP_204_NO_CONTENT if deleted else status.HTTP_404_NOT_FOUND)

        if event.is_past:
            return Response({"detail": "This event has already happened."}, status=status.HTTP_400_BAD_REQUEST)
        with transaction.atomic():
            # Lock the event row so two last-minute RSVPs cannot both take the final spot.
            event = Event.objects.select_for_update().get(pk=event.pk)
            if event.spots_left() == 0:
                return Response({"detail": "This event is full."}, status=status.HTTP_409_CONFLICT)
            try:
                rsvp = RSVP.objects.create(event=event, user=request.user)
            except IntegrityError:
                return Response({"detail": "You have already RSVPed."}, status=status.HTTP_409_CONFLICT)
        return Response(RSVPSerializer(rsvp).data, status=status.HTTP_201_CREATED)
