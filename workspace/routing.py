from django.urls import path
from django.utils.module_loading import import_string

from workspace.consumers import EventsConsumer
from workspace.live.consumer import LiveDocumentConsumer

# The apps' consumers are named by string, as workspace/urls.py includes their URLconfs: the project
# wiring lives in `workspace`, which must not import the apps built on it (the import-linter contract).
MeetingConsumer = import_string("groups.consumers.MeetingConsumer")

websocket_urlpatterns = [
    path("ws/events/", EventsConsumer.as_asgi()),
    path("ws/meeting/<int:meeting_id>/", MeetingConsumer.as_asgi()),
    path("ws/doc/<slug:kind>/<int:object_id>/", LiveDocumentConsumer.as_asgi()),
]
