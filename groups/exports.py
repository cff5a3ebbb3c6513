"""Files people download about a meeting: the attendance sheet (CSV) and a calendar entry (iCalendar).

Reads only: the callers pass what a selector already allowed them to see.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import icalendar
from django.utils.translation import gettext as _

from groups.models import Meeting
from groups.selectors import AttendanceSummary, meeting_planned_end


def attendance_csv(summary: AttendanceSummary) -> str:
    """One row per person expected or present, times in the meeting's time zone. Starts with a byte-order
    mark so spreadsheet programs read Khmer names as UTF-8."""
    meeting_zone = ZoneInfo(summary.meeting.timezone)
    group_names = {group.pk: group.name for group in summary.meeting.groups.all()}
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output)
    writer.writerow(
        [_("Name"), _("E-mail address"), _("Organisation"), _("Working groups"), _("Facilitator"), _("Checked in at")]
    )
    for row in summary.participants:
        writer.writerow(
            [
                _cell(row.user.display_name),
                _cell(row.user.email),
                _cell(row.organisation.name) if row.organisation else "",
                _cell("; ".join(group_names[group_id] for group_id in row.groups)),
                _("Yes") if row.facilitator else "",
                row.checked_in_at.astimezone(meeting_zone).strftime("%Y-%m-%d %H:%M") if row.checked_in_at else "",
            ]
        )
    return output.getvalue()


def _cell(value: str) -> str:
    # A leading =, +, - or @ makes spreadsheet programs run the cell as a formula (CSV injection).
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


def meeting_uid(meeting: Meeting) -> str:
    # Stable for the meeting's life, so re-importing the file updates the entry instead of adding one.
    return f"meeting-{meeting.pk}@{meeting.workspace.slug}.roundtable"


def meeting_calendar(meeting: Meeting, site_url: str) -> bytes:
    """A VCALENDAR with one VEVENT whose times carry the meeting's time zone (TZID + VTIMEZONE)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Roundtable//Meetings//EN")
    calendar.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting_planned_end(meeting))
    event.add("summary", meeting.title)
    if meeting.venue or meeting.online_link:
        event.add("location", meeting.venue or meeting.online_link)
    event.add("url", f"{site_url.rstrip('/')}/w/{meeting.workspace.slug}/meetings/{meeting.pk}")
    agenda = [f"{item.position}. {item.title} ({item.planned_minutes}′)" for item in meeting.items.order_by("position")]
    description = "\n".join([*([meeting.online_link] if meeting.online_link else []), *agenda])
    if description:
        event.add("description", description)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
