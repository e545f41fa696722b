"""Text normalisation for the privacy guard, with a map back to the original offsets.

People paste notes from phones, PDFs and chat apps, and some hide a number on purpose:
full-width digits ('０６１２３４５６７８'), a full-width at sign ('jan＠example.nl'), a
zero-width space or soft hyphen inside a BSN, a newline or tab between the groups of a
phone number. The detectors in `helpdesk.privacy` are written for plain text, so the guard
first folds all of that away and runs them on the result. A finding's offsets must still
name characters of the text the user typed (the refusal message gives positions), so every
character of the normalised text remembers which span of the original it came from.

What normalisation does, in order:

- Unicode NFKC per character (with its combining marks): full-width and other
  compatibility forms become ASCII ('１２３' -> '123', '＠' -> '@'), ligatures split.
- Format characters (Unicode category Cf: zero-width space and joiners, soft hyphen, BOM,
  word joiner, direction marks) are removed.
- Whitespace is folded: a run of spaces, tabs, non-breaking or thin spaces becomes one
  space; a run that holds a line break stays one line break (the detectors read a '*' at
  line start as a bullet), except between two digits, where it becomes a space so that a
  number broken over two lines is read as one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


@dataclass(frozen=True)
class NormalisedText:
    """The normalised text and, per character, the original span it came from."""

    text: str
    starts: tuple[int, ...]  # starts[i]: offset in the original of text[i]
    ends: tuple[int, ...]  # ends[i]: offset just after the original of text[i]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets covering text[start:end] (end > start)."""
        return self.starts[start], self.ends[end - 1]


def _clusters(original: str) -> list[tuple[str, int, int]]:
    """Each character with its following combining marks, NFKC-normalised, format chars dropped."""
    out: list[tuple[str, int, int]] = []
    i, n = 0, len(original)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(original[j]):
            j += 1
        chunk = original[i:j]
        if not chunk.isascii():
            chunk = "".join(
                ch
                for ch in unicodedata.normalize("NFKC", chunk)
                if unicodedata.category(ch) != "Cf"
            )
        for ch in chunk:
            out.append((ch, i, j))
        i = j
    return out


def normalise(original: str) -> NormalisedText:
    """Fold compatibility forms, drop format characters and fold whitespace; keep the map."""
    chars = _clusters(original)
    text: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    k, n = 0, len(chars)
    while k < n:
        ch, start, end = chars[k]
        if not ch.isspace():
            text.append(ch)
            starts.append(start)
            ends.append(end)
            k += 1
            continue
        run_end = k
        while run_end < n and chars[run_end][0].isspace():
            run_end += 1
        breaks = any(c in _LINE_BREAKS for c, _, _ in chars[k:run_end])
        between_digits = bool(text) and text[-1].isdigit() and run_end < n
        between_digits = between_digits and chars[run_end][0].isdigit()
        text.append("\n" if breaks and not between_digits else " ")
        starts.append(start)
        ends.append(chars[run_end - 1][2])
        k = run_end
    return NormalisedText("".join(text), tuple(starts), tuple(ends))
