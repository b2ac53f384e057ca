"""The numbered questions of a request, and the answer to each.

A request is split into the questions the response answers one by one (seed 001 answers
questions 1, 2 and 3 in turn). A question about figures keeps its `ask` query (the
parameters of `answerable ask`) and the published result; the result is re-run on demand
and frozen when the response is issued, so that the response keeps the figures it gave
(answering.py).
"""

from django.db import models
from simple_history.models import HistoricalRecords

from answerable.casework.models.choices import AnswerKind

# The ways part of a question can go unanswered with information.
PART_KINDS = [
    (kind.value, kind.label)
    for kind in (AnswerKind.COST, AnswerKind.NOT_HELD, AnswerKind.EXEMPT, AnswerKind.NCND)
]


class RequestQuestion(models.Model):
    request = models.ForeignKey(
        "casework.InformationRequest", on_delete=models.CASCADE, related_name="questions"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField(help_text="The question as the requester put it.")
    answer_kind = models.CharField(max_length=12, choices=AnswerKind.choices, blank=True)
    ask = models.JSONField(
        default=dict,
        blank=True,
        help_text='For figures: e.g. {"question": "custody-count", "from": "2017-04-01", '
        '"to": "2018-03-31", "by": ["station"]} (the options of `answerable ask`).',
    )
    result = models.JSONField(null=True, blank=True, editable=False)
    result_run_at = models.DateTimeField(null=True, blank=True, editable=False)
    result_error = models.TextField(blank=True, editable=False)
    frozen_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="Set when the response is issued."
    )
    answer_text = models.TextField(blank=True)
    # Part of the question answered otherwise than the rest: seed 001 gives the figures for
    # 2017/18 and refuses 2015/16 and 2016/17 on cost; seed 000 gives figures and refuses
    # the scans of the reports on cost. The explanation says which part and why.
    part_answer_kind = models.CharField(
        "how part of it is answered",
        max_length=12,
        choices=PART_KINDS,
        blank=True,
        help_text="Leave empty if the whole question is answered as above.",
    )
    part_answer_text = models.TextField(
        "which part, and why",
        blank=True,
        help_text='e.g. "Having considered your request in relation to 2015/16 and 2016/17, ..."',
    )
    document = models.ForeignKey(
        "register.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
    )
    exemption = models.ForeignKey(
        "casework.CitedExemption",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["request", "number"]
        constraints = [
            models.UniqueConstraint(fields=["request", "number"], name="question_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.request.reference} question {self.number}"

    @property
    def frozen(self) -> bool:
        return self.frozen_at is not None

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from answerable.answers.engine import AskError
        from answerable.answers.stored import ask_from_json

        if self.answer_kind == AnswerKind.FIGURES:
            if not self.ask:
                raise ValidationError({"ask": "A figures answer needs its ask query."})
            try:
                ask_from_json(self.ask)
            except AskError as error:
                raise ValidationError({"ask": str(error)}) from None
        if self.frozen and self.pk:
            stored = type(self).objects.filter(pk=self.pk).values_list("ask", flat=True).first()
            if stored != self.ask:
                raise ValidationError(
                    {"ask": "The response has been issued: its figures are frozen."}
                )
        if self.part_answer_kind and not self.part_answer_text.strip():
            raise ValidationError(
                {"part_answer_text": "Say which part of the question this is, and why."}
            )
        if self.exemption is not None and self.exemption.request_id != self.request_id:
            raise ValidationError({"exemption": "Cite an exemption of this request."})
