from datetime import timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from rest_framework import status
from rest_framework.test import APITestCase

from .models import RSVP, Event

User = get_user_model()


class EventTestCase(APITestCase):
    def setUp(self):
        self.alice = User.objects.create_user("alice", password="pw-alice-123")
        self.bob = User.objects.create_user("bob", password="pw-bob-123")
        self.event = Event.objects.create(
            title="Python meetup",
            venue="Library, room 2",
            starts_at=timezone.now() + timedelta(days=7),
            capacity=2,
            organiser=self.alice,
        )

    def rsvp_url(self, event=None):
        return reverse("event-rsvp", args=[(event or self.event).pk])


class EventApiTests(EventTestCase):
    def test_anyone_can_list_events(self):
        response = self.client.get(reverse("event-list"))
        self.assertEqual(response.status_code, status.HTTP_200_OK)
        self.assertEqual(response.data["count"], 1)
        self.assertEqual(response.data["results"][0]["spots_left"], 2)

    def test_anonymous_user_cannot_create(self):
        response = self.client.post(reverse("event-list"), {"title": "x"})
        self.assertEqual(response.status_code, status.HTTP_403_FORBIDDEN)

    def test_create_sets_organiser(self):
        self.client.force_authenticate(self.bob)
        response = self.client.post(
            reverse("event-list"),
            {
                "title": "Django sprint",
                "venue": "Co-working space",
                "starts_at": (timezone.now() + timedelta(days=3)).isoformat(),
                "capacity": 10,
            },
        )
        self.assertEqual(response.status_code, status.HTTP_201_CREATED)
        self.assertEqual(response.data["organiser"], "bob")

    def test_capacity_must_be_positive(self):
        self.client.force_authenticate(self.bob)
        response = self.client.post(
            reverse("event-list"),
            {"title": "Empty", "venue": "Nowhere", "starts_at": timezone.now().isoformat(), "capacity": 0},
        )
        self.assertEqual(response.status_code, status.HTTP_400_BAD_REQUEST)
        self.assertIn("capacity", response.data)

    def test_only_organiser_can_edit(self):
        self.client.force_authenticate(self.bob)
        url = reverse("event-detail", args=[self.event.pk])
        self.assertEqual(self.client.patch(url, {"title": "Mine now"}).status_code, status.HTTP_403_FORBIDDEN)
        self.client.force_authenticate(self.alice)
        self.assertEqual(self.client.patch(url, {"title": "Renamed"}).status_code, status.HTTP_200_OK)

    def test_upcoming_filter_hides_past_events(self):
        Event.objects.create(
            title="Last year's meetup",
            venue="Pub",
            starts_at=timezone.now() - timedelta(days=365),
            capacity=5,
            organiser=self.alice,
        )
        response = self.client.get(reverse("event-list"), {"upcoming": "true"})
        self.assertEqual([e["title"] for e in response.data["results"]], ["Python meetup"])


class RsvpTests(EventTestCase):
    def test_rsvp_and_cancel(self):
        self.client.force_authenticate(self.bob)
        self.assertEqual(self.client.post(self.rsvp_url()).status_code, status.HTTP_201_CREATED)
        self.assertEqual(self.event.spots_left(), 1)
        self.assertEqual(self.client.delete(self.rsvp_url()).status_code, status.HTTP_204_NO_CONTENT)
        self.assertEqual(self.event.spots_left(), 2)

    def test_cannot_rsvp_twice(self):
        self.client.force_authenticate(self.bob)
        self.client.post(self.rsvp_url())
        self.assertEqual(self.client.post(self.rsvp_url()).status_code, status.HTTP_409_CONFLICT)

    def test_full_event_rejects_rsvp(self):
        carol = User.objects.create_user("carol", password="pw-carol-123")
        RSVP.objects.create(event=self.event, user=self.alice)
        RSVP.objects.create(event=self.event, user=carol)
        self.client.force_authenticate(self.bob)
        response = self.client.post(self.rsvp_url())
        self.assertEqual(response.status_code, status.HTTP_409_CONFLICT)
        self.assertEqual(response.data["detail"], "This event is full.")

    def test_cannot_rsvp_to_past_event(self):
        past = Event.objects.create(
            title="Old", venue="Pub", starts_at=timezone.now() - timedelta(days=1), capacity=5, organiser=self.alice
        )
        self.client.force_authenticate(self.bob)
        self.assertEqual(self.client.post(self.rsvp_url(past)).status_code, status.HTTP_400_BAD_REQUEST)

    def test_cancel_without_rsvp_is_404(self):
        self.client.force_authenticate(self.bob)
        self.assertEqual(self.client.delete(self.rsvp_url()).status_code, status.HTTP_404_NOT_FOUND)

    def test_rsvp_requires_login(self):
        self.assertEqual(self.client.post(self.rsvp_url()).status_code, status.HTTP_403_FORBIDDEN)
