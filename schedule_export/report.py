"""The `check` report: a readable table of what was found, in Vienna time and UTC."""

from __future__ import annotations

from datetime import timezone

from .model import Meeting
from .render.labels import item_label


def check_report(meeting: Meeting) -> str:
    head = f"{meeting.source}: {meeting.title}"
    if meeting.ordinal:
        head += f" (#{meeting.ordinal})"
    lines = [
        head,
        f"  language {meeting.language}, {meeting.city or 'no city'}, {meeting.first_day.isoformat()} to {meeting.last_day.isoformat()}, zone {meeting.timezone}"
        + (f", symbol {meeting.symbol}" if meeting.symbol else ""),
        f"  {len(meeting.agenda)} agenda items, {len(meeting.sessions)} meetings, {len(meeting.deadlines)} deadlines",
    ]
    if meeting.sessions:
        # the body column is as wide as the longest name: a cut name ("Committee of the") misleads
        body_width = max(16, *(len(s.body or "plenary") for s in meeting.sessions)) + 2
        lines.append(f"  {'day':<14}{'local':<13}{'UTC':<13}{'body':<{body_width}}items")
        for session in sorted(meeting.sessions, key=lambda s: s.start):
            start, end = meeting.local(session.start), meeting.local(session.end)
            utc_start, utc_end = start.astimezone(timezone.utc), end.astimezone(timezone.utc)
            items = ", ".join(item_label(r.number, r.letter) + (" (cont.)" if r.continued else "") for r in session.items) or "-"
            if session.notes:
                items += " | " + "; ".join(session.notes)
            lines.append(
                f"  {start:%a %Y-%m-%d} {start:%H:%M}-{end:%H:%M}  {utc_start:%H:%M}-{utc_end:%H:%M}Z  {session.body or 'plenary':<{body_width}}{items}"
            )
    else:
        lines.append("  no timed meetings: all-day event " + f"{meeting.first_day.isoformat()} to {meeting.last_day.isoformat()}")
    for deadline in meeting.deadlines:
        lines.append(f"  deadline {deadline.date.isoformat()}: {deadline.label}")
    return "\n".join(lines)
