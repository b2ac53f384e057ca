"""A staff member's place in the force: the division their register permissions reach."""

from django.conf import settings
from django.db import models


class StaffProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    division = models.ForeignKey(
        "register.Division",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=(
            "Custody, divisional and ICCE staff record and see only their own division's "
            "records. Leave empty for a force-wide role."
        ),
    )

    class Meta:
        verbose_name = "staff profile"
        # Permissions of pages that have no model of their own (roles.py gives them).
        permissions = [
            ("view_dashboard", "Can see the staff dashboard"),
            ("ask_questions", "Can run catalogue questions (disclosure-controlled)"),
            ("see_exact_figures", "Can see exact figures, before disclosure control"),
            ("view_person_record", "Can see a person's records in the register"),
        ]

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.division or 'force-wide'})"
