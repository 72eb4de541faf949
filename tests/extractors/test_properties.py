"""Arbitrary text never crashes extraction, and every offset stays inside the text as read."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PIECES = st.sampled_from([
    "“", "”", '"', "«", "»", "\n", "\n\n", " said ", " according to ", "U.S.U.S.", " citing ", "reportedly ",
    "He", "The minister", " denied ", ":", ",", ".", "?", "Leave a Reply", "\ufffd", "\x00", "‏", "😀",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_arbitrary_text_gives_records_with_offsets_inside_it(attributions, text):
    for rec in attributions(text):
        assert 0 <= rec.content_start <= rec.content_end <= len(text)
        # a quote split by its cue is one content in pieces, joined by a space
        assert " ".join(text[a:b] for a, b in rec.pieces) == rec.content
        assert all(rec.content_start <= a <= b <= rec.content_end for a, b in rec.pieces)
        assert 0 <= rec.cue_start <= rec.cue_end <= len(text)
        assert rec.stance in {"asserts", "denies", "warns", "questions", "hedged"}
        assert rec.type in {"direct", "indirect", "mixed"}
