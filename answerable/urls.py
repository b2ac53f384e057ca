from django.contrib import admin
from django.urls import include, path

from answerable.mail import urls as mail_urls

# Every app's admin module: AppConfig.ready() has done it already, unless a light command
# started without it (answerable/startup.py); a second call imports nothing again.
admin.autodiscover()

# A busy database met outside a view is a 503 too (web/busy.py).
handler500 = "answerable.web.busy.server_error"

urlpatterns = [
    path("", include("answerable.web.urls")),
    path("staff/", include("answerable.dashboard.urls")),
    path("register/", include("answerable.register.urls")),
    path("answers/", include("answerable.answers.urls")),
    path("casework/", include("answerable.casework.urls")),
    path("request/", include(mail_urls.public_patterns)),
    path("mail/", include(mail_urls.staff_patterns)),
    path("audit/", include("answerable.audit.urls")),
    path("disclosure-log/", include("answerable.disclosure_log.urls")),
    path("statistics/", include("answerable.statistics_releases.urls")),
    path("api/v1/", include("answerable.api.urls")),
    path("admin/", admin.site.urls),
]
