"""The disclosure log as an Atom feed (RFC 4287): the latest publications, newest first."""

from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from answerable.core.uk_time import uk_start_of_day
from answerable.disclosure_log.models import Publication
from answerable.disclosure_log.views import HEAVY_FIELDS, published

FEED_SIZE = 50


class LatestPublicationsFeed(Feed):
    feed_type = Atom1Feed
    link = reverse_lazy("disclosure_log:list")
    subtitle = "Responses to freedom of information requests, published seven days after issue."

    def title(self) -> str:
        return f"{getattr(settings, 'ANSWERABLE_FORCE', 'Answerable')} disclosure log"

    def author_name(self) -> str:
        return getattr(settings, "ANSWERABLE_FORCE", "Answerable")

    def feed_url(self) -> str:
        return reverse("disclosure_log:feed")

    def items(self) -> QuerySet:
        return published().defer(*HEAVY_FIELDS).prefetch_related("topics")[:FEED_SIZE]

    def item_title(self, item: Publication) -> str:
        return f"{item.reference}: {item.title}"

    def item_description(self, item: Publication) -> str:
        return item.summary

    def item_pubdate(self, item: Publication) -> datetime:
        return uk_start_of_day(item.publish_on)

    def item_updateddate(self, item: Publication) -> datetime:
        return uk_start_of_day(item.publish_on)

    def item_categories(self, item: Publication) -> list[str]:
        return item.topic_names()
