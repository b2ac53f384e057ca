"""The public request form (mounted at request/) and, for staff, the messages received that
could not be read (mounted at mail/)."""

from django.urls import path

from answerable.mail import public, views

public_patterns = (
    [
        path("", public.start, name="start"),
        path("name/", public.name, name="name"),
        path("contact/", public.contact, name="contact"),
        path("details/", public.details, name="details"),
        path("check/", public.check, name="check"),
        path("sent/", public.done, name="done"),
    ],
    "request_form",
)

staff_patterns = (
    [
        path("", views.queue, name="queue"),
        path("<int:pk>/", views.message_detail, name="message"),
        path("<int:pk>/message.eml", views.message_raw, name="message_raw"),
        path("<int:pk>/resolve/", views.resolve, name="resolve"),
    ],
    "mail",
)
