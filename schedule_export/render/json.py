"""JSON export of the meeting model; its JSON Schema comes from the same pydantic model."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from . import RenderOptions

if TYPE_CHECKING:
    from ..model import Meeting


class JsonExporter:
    name = "json"
    extension = "json"
    content_type = "application/json"
    description = "the meeting model as JSON (see `schedule-export schema`)"

    def render(self, meeting: Meeting, options: RenderOptions) -> bytes:
        return render_json(meeting)


def render_json(meeting: Meeting) -> bytes:
    return (meeting.model_dump_json(indent=2) + "\n").encode("utf-8")


def json_schema() -> str:
    from ..model import Meeting

    return json.dumps(Meeting.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
