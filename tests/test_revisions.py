"""The schedule diff: new, cancelled, moved and changed sessions between two versions of a meeting."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from schedule_export.render.labels import session_uid
from schedule_export.revisions import ChangeKind, diff_meetings

from .meeting_builders import WORKING_GROUP_TIMETABLE, replaced, without, working_group


def uids_of(meeting) -> list[str]:
    return [session_uid(meeting, s) for s in meeting.sessions]


def test_identical_versions_have_an_empty_diff():
    meeting = working_group()
    diff = diff_meetings(meeting, meeting)
    assert diff.is_empty
    assert [diff.uids[i] for i in range(5)] == uids_of(meeting)


def test_moved_meeting_keeps_its_uid():
    before = working_group()
    # the Tuesday afternoon meeting moves to Wednesday afternoon
    after = working_group(replaced(WORKING_GROUP_TIMETABLE, 3, (11, 15, 18, ("3+",))))
    diff = diff_meetings(before, after)
    assert len(diff.moved) == 1
    moved = diff.moved[0]
    assert moved.uid == uids_of(before)[3]
    assert moved.after.start.astimezone(timezone.utc) == datetime(2019, 9, 11, 13, tzinfo=timezone.utc)
    assert len(diff.unchanged) == 4
    assert not diff.new and not diff.cancelled


def test_removal_in_the_middle_cancels_exactly_one_session():
    before = working_group()
    after = working_group(without(WORKING_GROUP_TIMETABLE, 1))  # Monday afternoon goes; later ordinals shift
    diff = diff_meetings(before, after)
    assert [c.uid for c in diff.cancelled] == [uids_of(before)[1]]
    assert len(diff.unchanged) == 4
    assert not diff.moved and not diff.new
    # the sessions after the removed one keep the UIDs they were first published under, not their new ordinals
    assert [diff.uids[i] for i in range(4)] == [uids_of(before)[i] for i in (0, 2, 3, 4)]


def test_removal_and_move_together_are_told_apart():
    before = working_group()
    revised = replaced(WORKING_GROUP_TIMETABLE, 3, (11, 15, 18, ("3+",)))
    after = working_group(without(revised, 1))
    diff = diff_meetings(before, after)
    assert [c.uid for c in diff.cancelled] == [uids_of(before)[1]]
    assert [c.uid for c in diff.moved] == [uids_of(before)[3]]
    assert len(diff.unchanged) == 3


def test_same_hours_with_other_items_is_a_changed_session():
    before = working_group()
    after = working_group(replaced(WORKING_GROUP_TIMETABLE, 4, (11, 10, 13, ("5",))))
    diff = diff_meetings(before, after)
    assert [c.kind for c in diff.changes].count(ChangeKind.CHANGED) == 1
    assert diff.changed[0].uid == uids_of(before)[4]
    assert diff.changed[0].items_changed


def test_added_session_gets_a_uid_never_published_before():
    before = working_group()
    # a session added on Monday afternoon shifts every later ordinal: its natural UID is the old second one's
    after = working_group(WORKING_GROUP_TIMETABLE[:1] + ((9, 13, 14, ("1b+",)),) + WORKING_GROUP_TIMETABLE[1:])
    diff = diff_meetings(before, after)
    assert len(diff.new) == 1
    assert diff.new[0].uid not in uids_of(before)
    assert len(diff.unchanged) == 5
    assert len(set(diff.uids.values())) == 6


def test_uid_of_a_cancelled_session_is_not_given_to_a_new_one():
    before = working_group()
    reserved = frozenset({uids_of(before)[0].replace("-1@", "-6@")})
    after = working_group(WORKING_GROUP_TIMETABLE + ((11, 15, 18, ("5+",)),))
    diff = diff_meetings(before, after, reserved_uids=reserved, revision=3)
    assert len(diff.new) == 1
    assert diff.new[0].uid not in reserved
    assert "-r3@" in diff.new[0].uid


def test_sessions_of_different_bodies_are_never_paired():
    from .meeting_builders import session

    before = working_group()
    plenary = before.sessions
    committee = session(9, 15, 18, ("2",), 1, body="Committee of the Whole")
    after = before.model_copy(update={"sessions": plenary[:1] + (committee,) + plenary[2:]})
    diff = diff_meetings(before, after)
    assert len(diff.cancelled) == 1 and len(diff.new) == 1


def test_previously_published_uids_are_carried_forward():
    first = working_group()
    second = working_group(without(WORKING_GROUP_TIMETABLE, 1))
    third = working_group(without(WORKING_GROUP_TIMETABLE, 1), document_date=datetime(2019, 7, 1).date())
    step = diff_meetings(first, second)
    again = diff_meetings(second, third, previous_uids=dict(step.uids))
    assert again.is_empty
    assert [again.uids[i] for i in range(4)] == [uids_of(first)[i] for i in (0, 2, 3, 4)]


@pytest.mark.parametrize("removed", range(len(WORKING_GROUP_TIMETABLE)))
def test_removing_any_one_session_cancels_it_and_leaves_the_others_unchanged(removed):
    before = working_group()
    after = working_group(without(WORKING_GROUP_TIMETABLE, removed))
    diff = diff_meetings(before, after)
    assert [c.uid for c in diff.cancelled] == [uids_of(before)[removed]]
    assert len(diff.unchanged) == len(WORKING_GROUP_TIMETABLE) - 1
    assert sorted(diff.uids.values()) == sorted(u for i, u in enumerate(uids_of(before)) if i != removed)


def test_removal_in_the_middle_of_a_real_agenda_cancels_exactly_one_session():
    from schedule_export.pipeline import load_meeting

    from .serve_helpers import TRAFFICKING_EXAMPLE

    before = load_meeting(TRAFFICKING_EXAMPLE)
    after = before.model_copy(update={"sessions": tuple(
        s.model_copy(update={"ordinal": n}) for n, s in enumerate(before.sessions[:2] + before.sessions[3:], start=1)
    )})
    diff = diff_meetings(before, after)
    assert [c.uid for c in diff.cancelled] == [uids_of(before)[2]]
    assert len(diff.unchanged) == len(before.sessions) - 1


# -- issues of one document and drastic revisions --------------------------------------------------------


@pytest.mark.parametrize("symbol", [
    "A/CN.9/WG.IV/WP.192", "A/CN.9/WG.IV/WP.192/Rev.1", "A/CN.9/WG.IV/WP.192/Rev.1*", "A/CN.9/WG.IV/WP.192/Corr.1",
    "A/CN.9/WG.IV/WP.192/Rev.2/Corr.1", "A/CN.9/WG.IV/WP.192*",
])
def test_revision_corrigendum_and_reissue_are_the_same_meeting(symbol):
    original = working_group(symbol="A/CN.9/WG.IV/WP.192")
    issue = working_group(symbol=symbol)
    assert issue.base_symbol == "A/CN.9/WG.IV/WP.192"
    assert issue.key == original.key
    assert uids_of(issue) == uids_of(original)


def test_revision_label_and_order_of_issues():
    from schedule_export.revisions import revision_label, revision_rank

    assert revision_label("A/CN.9/WG.IV/WP.192/Rev.1") == "Rev.1"
    assert revision_label("A/CN.9/WG.IV/WP.192/Rev.1/Corr.2") == "Rev.1/Corr.2"
    assert revision_label("A/CN.9/WG.IV/WP.192") is None
    issues = ["X/1/Rev.1", "X/1", "X/1/Corr.1", "X/1/Rev.1/Corr.1", "X/1/Rev.2"]
    assert sorted(issues, key=revision_rank) == ["X/1", "X/1/Corr.1", "X/1/Rev.1", "X/1/Rev.1/Corr.1", "X/1/Rev.2"]


def test_losing_more_than_half_of_the_sessions_is_drastic_and_one_removed_or_moved_is_not():
    from schedule_export.revisions import is_drastic

    meeting = working_group()
    count = len(WORKING_GROUP_TIMETABLE)
    assert not is_drastic(meeting, working_group(without(WORKING_GROUP_TIMETABLE, 1)))
    assert not is_drastic(meeting, working_group(replaced(WORKING_GROUP_TIMETABLE, 3, (11, 15, 18, ("3+",)))))
    assert is_drastic(meeting, working_group(WORKING_GROUP_TIMETABLE[: count // 2 - 1]))
    assert is_drastic(meeting, working_group(()))
