from rest_framework import permissions


class IsOrganiserOrReadOnly(permissions.BasePermission):
    """Only the organiser may edit or cancel an event."""

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        return obj.organiser == request.user
