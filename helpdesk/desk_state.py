"""The request being logged at the desk, owned by the app and not by any widget.

Plain Python, no Textual, so the rules of the request in progress can be tested without
a screen. The app holds one ``DeskState``; the desk screen and its widgets render it and
edit it through its methods, and the guide screens change its guide progress directly
instead of reaching into the request form. It holds:

- the fields as staff typed them (``RequestFields``: codes picked, text not yet parsed);
- the saved request when one is being edited (its id, location and staff are kept);
- the guides: which are attached and where the resident is in each (``GuideSession``);
- the help time of a new request (``HelpTime``: waiting for the resident, running or
  paused), read from an injectable monotonic clock so tests need not wait;
- the interface language.

``build_request`` turns the fields into a ``DeskRequest`` plus the errors only parsing
can find (a minutes box that is not a number, half a follow-up date); everything else is
checked once, by ``helpdesk.records.validate_request``, on the way to the store.

Guide progress is kept per guide id rather than per language, so switching the interface
language in the middle of a guide keeps the resident's place. Step reached, as stored
with the request: the highest step ticked 'done'; when no step is ticked, the step on
screen. Ticks say where the resident really got to; the step on screen is the best guess
when staff did not tick anything.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from dataclasses import fields as dataclass_fields

from helpdesk import clock
from helpdesk.help_time import HelpTime, Phase
from helpdesk.i18n import DEFAULT_LANG, t
from helpdesk.records import GUIDE_ID_PATTERN, DeskRequest, FieldError, FollowUp, GuideUse
from helpdesk.settings import LANGUAGES

# Fields picked from a list, in form order: (field name, taxonomy kind, multi-select).
# 'first_visit' is not a taxonomy list: its codes are the keys of FIRST_VISIT.
PICKED: tuple[tuple[str, str, bool], ...] = (
    ("organisations", "organisation", True),
    ("subjects", "subject", True),
    ("help_type", "help_type", False),
    ("outcome", "outcome", False),
    ("referred_to", "referral_target", False),
    ("channel", "channel", False),
    ("visitor_type", "visitor_type", False),
    ("age_band", "age_band", False),
    ("first_visit", "", False),
    ("barriers", "barrier", True),
)
FIRST_VISIT: dict[str, bool | None] = {"yes": True, "no": False, "unknown": None}


@dataclass
class GuideProgress:
    """The step on screen (1-based) and the steps ticked done, for one guide."""

    total: int
    current: int = 1
    done: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.resize(self.total)

    def resize(self, total: int) -> None:
        """Another language version may have a different number of steps: stay inside."""
        self.total = max(1, total)
        self.current = min(max(1, self.current), self.total)
        self.done = {n for n in self.done if 1 <= n <= self.total}

    def move(self, delta: int) -> bool:
        """Go ``delta`` steps on or back; False (and no change) at either end."""
        target = self.current + delta
        if not 1 <= target <= self.total:
            return False
        self.current = target
        return True

    def toggle(self, number: int | None = None) -> bool:
        """Tick or untick a step (default: the one on screen); returns the new state."""
        n = self.current if number is None else number
        if n in self.done:
            self.done.discard(n)
            return False
        self.done.add(n)
        return True

    @property
    def step_reached(self) -> int:
        return max(self.done) if self.done else self.current


@dataclass
class GuideSession:
    """The guides of the request being logged: progress per guide, attached ones in order."""

    progress: dict[str, GuideProgress] = field(default_factory=dict)
    # guide id -> step stored with a request being edited (None: typed, never stepped)
    attached: dict[str, int | None] = field(default_factory=dict)

    def progress_for(self, guide_id: str, total: int) -> GuideProgress:
        """The kept progress, or a fresh one (at the stored step when editing a request)."""
        found = self.progress.get(guide_id)
        if found is None:
            found = GuideProgress(total, current=self.attached.get(guide_id) or 1)
            self.progress[guide_id] = found
        else:
            found.resize(total)
        return found

    def attach(self, guide_id: str) -> bool:
        """Attach a guide to the request; False when it was attached already."""
        if guide_id in self.attached:
            return False
        self.attached[guide_id] = None
        return True

    def detach(self, guide_id: str) -> None:
        self.attached.pop(guide_id, None)

    def step_reached(self, guide_id: str) -> int | None:
        progress = self.progress.get(guide_id)
        return progress.step_reached if progress else self.attached.get(guide_id)

    def uses(self) -> tuple[GuideUse, ...]:
        return tuple(GuideUse(gid, self.step_reached(gid)) for gid in self.attached)

    @classmethod
    def from_uses(cls, uses: tuple[GuideUse, ...]) -> GuideSession:
        """A session for editing a saved request: its guides attached at their steps."""
        return cls(attached={u.guide_id: u.step_reached for u in uses})


@dataclass(frozen=True)
class RequestFields:
    """A request as typed: the codes picked per list, and the text boxes as they read.

    Picked fields are tuples of codes (one at most for single choices) because that is
    what a picker holds; text stays text until ``DeskState.build_request`` parses it.
    """

    organisations: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    help_type: tuple[str, ...] = ()
    outcome: tuple[str, ...] = ()
    referred_to: tuple[str, ...] = ()
    channel: tuple[str, ...] = ("walk-in",)  # most requests: a resident walks in
    visitor_type: tuple[str, ...] = ("resident",)
    age_band: tuple[str, ...] = ()
    first_visit: tuple[str, ...] = ()  # a key of FIRST_VISIT
    barriers: tuple[str, ...] = ()
    minutes: str = ""  # empty: the timer's minutes (new requests only)
    note: str = ""
    typed_guides: str = ""  # guide ids, comma separated, for guides used without the app
    followup_date: str = ""  # YYYY-MM-DD
    followup_time: str = ""  # HH:MM
    bring: str = ""  # one thing to bring per line

    def one(self, name: str) -> str | None:
        """The code of a single-choice field, or None when nothing is picked."""
        codes: tuple[str, ...] = getattr(self, name)
        return codes[0] if codes else None

    @classmethod
    def from_request(cls, req: DeskRequest) -> RequestFields:
        """The fields that show a saved request, for editing it."""
        followup = req.followup
        return cls(
            organisations=req.organisations,
            subjects=req.subjects,
            help_type=(req.help_type,) if req.help_type else (),
            outcome=(req.outcome,) if req.outcome else (),
            referred_to=(req.referred_to,) if req.referred_to else (),
            channel=(req.channel,) if req.channel else (),
            visitor_type=(req.visitor_type,) if req.visitor_type else (),
            age_band=(req.age_band,) if req.age_band else (),
            first_visit=tuple(k for k, v in FIRST_VISIT.items() if v is req.first_visit)[:1],
            barriers=req.barriers,
            minutes="" if req.minutes is None else str(req.minutes),
            note=req.note,
            followup_date=followup.at.strftime("%Y-%m-%d") if followup else "",
            followup_time=followup.at.strftime("%H:%M") if followup else "",
            bring="\n".join(followup.bring) if followup else "",
        )


FIELD_NAMES = frozenset(f.name for f in dataclass_fields(RequestFields))


def _parse_error(name: str, key: str) -> FieldError:
    return FieldError(name, t(key, "en"), t(key, "nl"))


@dataclass
class DeskState:
    """The request in progress at this desk and the language the desk speaks."""

    lang: str = DEFAULT_LANG
    profile_fields: bool = True  # the location asks age band, first visit and barriers
    fields: RequestFields = field(default_factory=RequestFields)
    editing: DeskRequest | None = None  # the saved request being changed; None: a new one
    guides: GuideSession = field(default_factory=GuideSession)
    timer: HelpTime = field(default_factory=HelpTime)  # help time of a new request
    clock: Callable[[], float] = time.monotonic  # seconds; tests pass a fake one

    # ------------------------------------------------------------ what staff do

    def start_new(self) -> None:
        """An empty request with the usual defaults, no guides, and the timer waiting.

        The timer runs from the first key or pick (``note_activity``) or the 'resident
        arrived' key, not from now: the wait for the next resident is not help time.
        """
        self.fields = RequestFields()
        self.editing = None
        self.guides = GuideSession()
        self.timer.arm()

    def edit(self, req: DeskRequest) -> None:
        """Change a saved request: its fields, its guides at their steps; no timer."""
        self.fields = RequestFields.from_request(req)
        self.editing = req
        self.guides = GuideSession.from_uses(req.guides)
        self.timer.switch_off()

    def set_field(self, name: str, value: str | tuple[str, ...]) -> None:
        """Change one field as typed; unknown names are a programming error."""
        if name not in FIELD_NAMES:
            raise KeyError(f"no request field {name!r}")
        self.fields = replace(self.fields, **{name: value})

    def set_fields(self, new: RequestFields) -> None:
        """Take every field at once (the form hands over what its boxes hold)."""
        self.fields = new

    def attach_guide(self, guide_id: str) -> bool:
        """Attach a guide to the request; False when it was attached already."""
        self.note_activity()  # a guide opened with the resident: the help has begun
        return self.guides.attach(guide_id)

    def detach_last_guide(self) -> bool:
        """Detach the guide attached last; False when none is attached."""
        if not self.guides.attached:
            return False
        self.guides.detach(list(self.guides.attached)[-1])
        return True

    def guide_progress(self, guide_id: str, total: int) -> GuideProgress:
        """The resident's place in a guide (step 1, or the stored step when editing)."""
        return self.guides.progress_for(guide_id, total)

    def toggle_language(self) -> str:
        """The next interface language (Dutch, English, Dutch ...); returns it."""
        self.lang = LANGUAGES[(LANGUAGES.index(self.lang) + 1) % len(LANGUAGES)]
        return self.lang

    # ------------------------------------------------------------ timer

    def _now(self, now: float | None) -> float:
        return self.clock() if now is None else now

    @property
    def timer_phase(self) -> Phase:
        """'waiting', 'running', 'paused', or 'off' while editing a saved request."""
        return self.timer.phase

    def note_activity(self, now: float | None = None) -> bool:
        """Staff typed a key or picked a code: a waiting timer starts (True if it did)."""
        return self.timer.start(self._now(now))

    def resident_arrived(self, now: float | None = None) -> bool:
        """The 'resident arrived' key: start a waiting timer, or resume a paused one."""
        return self.timer.resume(self._now(now))

    def toggle_pause(self, now: float | None = None) -> bool:
        """The pause key: pause a running timer, resume a paused one (False: neither)."""
        return self.timer.toggle_pause(self._now(now))

    def elapsed_seconds(self, now: float | None = None) -> float | None:
        """Help seconds counted (0 while waiting); None when there is no timer (editing)."""
        return self.timer.seconds(self._now(now))

    def timer_minutes(self, now: float | None = None) -> int | None:
        """Whole minutes of help, rounded up: a request always took at least a minute."""
        return self.timer.minutes(self._now(now))

    def _minutes(
        self, errors: list[FieldError], now: float | None
    ) -> tuple[int | None, str | None]:
        """The minutes to save and where they come from ('measured', 'typed' or None).

        A new request takes the timer's minutes unless staff typed some. An edited one
        keeps its minutes and their source unless staff changed the minutes box.
        """
        box = self.fields.minutes.strip()
        editing = self.editing
        if editing is not None and box == ("" if editing.minutes is None else str(editing.minutes)):
            return editing.minutes, editing.minutes_source
        if box:
            try:
                return int(box), "typed"
            except ValueError:
                errors.append(_parse_error("minutes", "err_minutes"))
                return None, None
        if editing is not None:  # the box was emptied: no minutes any more
            return None, None
        return self.timer_minutes(now), "measured"

    # ------------------------------------------------------------ the request to save

    def build_request(
        self, location: str, staff: str, now: float | None = None
    ) -> tuple[DeskRequest, list[FieldError]]:
        """The request to save, and the errors only parsing the typed text can find.

        The request is not validated here: ``helpdesk.desk`` validates it once on the way
        to the store and reports these parse errors with its own. A request being edited
        keeps its id, location and staff; a new one takes the timer's minutes unless
        staff typed minutes, and records which of the two it was.
        """
        values, errors = self.fields, []
        minutes, minutes_source = self._minutes(errors, now)
        typed = tuple(
            GuideUse(part.strip())
            for part in values.typed_guides.split(",")
            if part.strip() and part.strip() not in self.guides.attached
        )
        guides = self.guides.uses() + tuple(dict.fromkeys(typed))
        if any(not GUIDE_ID_PATTERN.match(g.guide_id) for g in guides):
            errors.append(_parse_error("guides", "err_guides"))
        followup = self._followup(errors)
        first = values.one("first_visit")
        outcome = values.one("outcome") or ""
        req = DeskRequest(
            organisations=values.organisations,
            subjects=values.subjects,
            help_type=values.one("help_type") or "",
            outcome=outcome,
            location=location,
            staff=staff,
            referred_to=values.one("referred_to") if outcome == "referred" else None,
            channel=values.one("channel") or "",
            visitor_type=values.one("visitor_type") or "",
            age_band=values.one("age_band"),
            first_visit=FIRST_VISIT.get(first) if first else None,
            barriers=values.barriers,
            minutes=minutes,
            minutes_source=minutes_source,
            note=values.note.strip(),
            guides=guides,
            followup=followup,
        )
        if self.editing is not None:
            editing = self.editing
            req = req.with_changes(id=editing.id, location=editing.location, staff=editing.staff)
        return req, errors

    def _followup(self, errors: list[FieldError]) -> FollowUp | None:
        day = self.fields.followup_date.strip()
        at = self.fields.followup_time.strip()
        bring = tuple(line.strip() for line in self.fields.bring.splitlines())
        bring = tuple(line for line in bring if line)
        if not (day or at or bring):
            return None
        if not (day and at):
            errors.append(_parse_error("followup", "err_followup_missing"))
            return None
        try:
            when = clock.parse_followup(f"{day} {at}")  # also refuses years outside 1900-2100
        except clock.DateFormatError:
            errors.append(_parse_error("followup", "err_followup_date"))
            return None
        return FollowUp(when, bring)
