from django.contrib import admin

from .models import RSVP, Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "venue", "starts_at", "capacity", "organiser"]
    list_filter = ["starts_at"]
    search_fields = ["title", "venue"]


admin.site.register(RSVP)
