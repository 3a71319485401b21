from rest_framework import serializers

from .models import RSVP, Event


class EventSerializer(serializers.ModelSerializer):
    organiser = serializers.ReadOnlyField(source="organiser.username")
    spots_left = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = ["id", "title", "description", "venue", "starts_at", "capacity", "organiser", "spots_left"]

    def get_spots_left(self, obj):
        return obj.spots_left()

    def validate_capacity(self, value):
        if value < 1:
            raise serializers.ValidationError("Capacity must be at least 1.")
        return value


class RSVPSerializer(serializers.ModelSerializer):
    user = serializers.ReadOnlyField(source="user.username")

    class Meta:
        model = RSVP
        fields = ["id", "event", "user", "created_at"]
        read_only_fields = ["event", "created_at"]
