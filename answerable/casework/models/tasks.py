"""Asking the force's business units to search, and the record of each search made.

A request is answered from what the authority holds, wherever it is held: the FOI officer
asks a business unit (the custody division, the public protection unit) to search its
systems or supply figures, by a date inside the statutory deadline, chases it if it is
late, and records each search made. The search record (where, by whom, the terms used,
what was found, the time spent) is what the Scottish Information Commissioner asks for
when a "not held" notice (FOISA s17) or a cost refusal (s12) is challenged; the time spent
feeds the case's cost estimate (fees.py; SSI 2004/467 reg 3: locating and retrieving).
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class BusinessUnit(models.Model):
    """Reference data: a unit of the force that holds information, and its mailbox."""

    name = models.CharField(max_length=120, unique=True)
    mailbox = models.EmailField(help_text="Where the unit's search tasks are sent.")
    description = models.CharField(
        max_length=300, blank=True, help_text="What the unit holds, to help choose it."
    )
    active = models.BooleanField(default=True, help_text="Only active units can be tasked.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "business unit"

    def __str__(self) -> str:
        return self.name


class TaskKind(models.TextChoices):
    SEARCH = "search", "Search for information"
    FIGURES = "figures", "Supply figures"


class TaskStatus(models.TextChoices):
    OPEN = "open", "Asked"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class SearchTask(models.Model):
    request = models.ForeignKey(
        "casework.InformationRequest", on_delete=models.CASCADE, related_name="tasks"
    )
    number = models.PositiveSmallIntegerField(help_text="1, 2, 3 within the case.")
    unit = models.ForeignKey(BusinessUnit, on_delete=models.PROTECT, related_name="tasks")
    kind = models.CharField(max_length=12, choices=TaskKind.choices, default=TaskKind.SEARCH)
    asked = models.TextField(help_text="What the unit is asked to search for or supply.")
    asked_on = models.DateField()
    due_on = models.DateField(help_text="On or before the request's statutory deadline.")
    status = models.CharField(max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    done_on = models.DateField(null=True, blank=True)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["request", "number"]
        verbose_name = "search task"
        constraints = [
            models.UniqueConstraint(fields=["request", "number"], name="task_number_unique"),
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("asked_on")),
                name="task_due_not_before_asked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request.reference} task {self.number} ({self.unit})"


class TaskChase(models.Model):
    """A chaser sent to a unit whose task is late or at risk."""

    task = models.ForeignKey(SearchTask, on_delete=models.CASCADE, related_name="chases")
    chased_on = models.DateField()
    chased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["task", "chased_on", "pk"]
        verbose_name = "chaser"

    def __str__(self) -> str:
        return f"{self.task}: chased {self.chased_on:%d %B %Y}"


class SearchRecord(models.Model):
    """One search made for a request: the record the Commissioner asks for."""

    request = models.ForeignKey(
        "casework.InformationRequest", on_delete=models.CASCADE, related_name="searches"
    )
    task = models.ForeignKey(
        SearchTask,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="searches",
        help_text="The task it answers; empty for a search the FOI unit made itself.",
    )
    where = models.CharField(max_length=200, help_text="The system, file or location searched.")
    searched_by = models.CharField(
        max_length=200, help_text="Who searched: name or role, and unit."
    )
    searched_on = models.DateField()
    terms = models.TextField(help_text="The search terms, filters or criteria used.")
    found = models.TextField(help_text="What was found, including that nothing was.")
    minutes = models.PositiveIntegerField(
        help_text="Time spent locating and retrieving, in minutes (counted in the cost)."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["request", "searched_on", "pk"]
        verbose_name = "search record"

    def __str__(self) -> str:
        return f"{self.request.reference}: search of {self.where} on {self.searched_on:%d %B %Y}"
