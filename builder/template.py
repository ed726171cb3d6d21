"""The Jinja sandbox a brief's body is expanded in, and the escaping of data text.

Used twice: the check stage expands a body to learn which commitments and
motions its template uses, the render stage to produce the text. Data never
becomes markup: every value a template prints is escaped for pandoc unless
the tool itself made it (``Markdown``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import traceback
from types import CodeType
from typing import Generator, Iterator, Mapping

from .codes import finding
from .diagnostics import CONTROL_CHARACTER, Diagnostic, Location, describe_control, unknown
from .dutch import long_date
from .doctypes import doctype_of
from .model import (
    NOT_TEXT_CHARACTER,
    Brief,
    Commitment,
    Motion,
    Repository,
    describe_character,
)
from .references import EMPHASIS_END, EMPHASIS_START

# A brief is a few pages; these bound what a runaway or hostile template can make the
# machine build ("{{ 'x' * 10**10 }}" would otherwise ask for 10 GB).
MAX_VALUE_SIZE = 1_000_000
MAX_OUTPUT_SIZE = 2_000_000

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~^$@&:])")
_AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>")


# --- Markdown from data -----------------------------------------------------------------


class Markdown(str):
    """A Markdown fragment made by the tool itself; templates output it unescaped."""


def escape_markdown(text: str) -> str:
    """Make data text literal in pandoc Markdown: every markup character backslashed."""
    return _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def markdown_for(text: str) -> str:
    """Escape a reference text, keeping its <https://...> addresses as links and making its
    italics marks (``builder.references.EMPHASIS_START``) pandoc's emphasis."""
    pieces = _AUTOLINK.split(text)
    escaped = "".join(f"<{p}>" if i % 2 else escape_markdown(p) for i, p in enumerate(pieces))
    return escaped.replace(EMPHASIS_START, "*").replace(EMPHASIS_END, "*")


# --- Jinja --------------------------------------------------------------------------------


class UnknownReference(Exception):
    """Raised by a template that asks for an id the data does not have.

    Not a LookupError: Jinja would swallow that and fall back to an undefined value.
    """


class Registry(Mapping):
    """Read-only id -> item mapping for templates, with a did-you-mean on a miss."""

    def __init__(self, noun: str, items: Mapping):
        self._noun, self._items = noun, items

    def __getitem__(self, key):
        if key not in self._items:
            raise UnknownReference(unknown(self._noun, str(key), self._items))
        return self._items[key]

    def __iter__(self) -> Iterator:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


def template_context(brief: Brief, repository: Repository, letters: Mapping[str, Brief]) -> dict:
    """What a body's Jinja sees: read-only data, never the file system or Python internals."""

    def cite(key: str) -> Markdown:
        return Markdown(f"[@{key}]")

    def name(key: str) -> Markdown:
        return Markdown(f"@{key}")

    def short(key: str) -> Markdown:
        return Markdown(f"@{key}:short")

    def sentence(text: str) -> str:
        """A dictum as a sentence of its own: capital first letter, full stop."""
        if not isinstance(text, str) or not text.strip():
            raise ValueError("sentence() needs text; is a motion's dictum missing in data/motions.yaml?")
        text = text.strip()
        return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")

    def made_on(date: str) -> list:
        """The commitments made in the debate of that day (YYYY-MM-DD), in data order."""
        return repository.commitments_made_on(dt.date.fromisoformat(date))

    def datum(date: dt.date | str) -> str:
        """'12 september 2024', of a date field or of text YYYY-MM-DD."""
        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
        if not isinstance(date, dt.date):
            raise TypeError(f"datum() needs a date or text YYYY-MM-DD, not {type(date).__name__}")
        return long_date(date)

    doctype = doctype_of(brief)
    answers = doctype.answered_in_template(brief, letters)
    return {
        "brief": brief.meta,
        # Every template sees these names; a type's own (a nota's ``letter``, a reply's
        # ``overleg``) replace the None.
        "letter": None,
        "overleg": None,
        "answers": [repository.lookup(key) for key in answers],
        "answered_commitments": [repository.commitments[k] for k in answers if k in repository.commitments],
        "answered_motions": [repository.motions[k] for k in answers if k in repository.motions],
        "commitments": Registry("commitment", repository.commitments),
        "motions": Registry("motion", repository.motions),
        "documents": Registry("document", repository.documents),
        "organisation": repository.organisation,
        "cite": cite,
        "name": name,
        "short": short,
        "made_on": made_on,
        "sentence": sentence,
        "datum": datum,
        **doctype.template_extras(brief, repository, letters),
    }


def _finalize(value: object) -> str:
    if isinstance(value, Markdown):
        return value
    if isinstance(value, dt.date):
        return long_date(value)
    return escape_markdown("" if value is None else str(value))


def expand_template(
    brief: Brief, repository: Repository, letters: Mapping[str, Brief]
) -> tuple[str | None, set[str], list[Diagnostic]]:
    """Expand the body's Jinja in a sandbox: the text, and the ids of the items it used.

    A body without Jinja passes through unchanged.
    """
    used: set[str] = set()
    if not any(marker in brief.body for marker in ("{{", "{%", "{##")):
        return brief.body, used, []
    from jinja2 import TemplateError, TemplateSyntaxError

    environment = _sandbox()(used)
    try:
        code, control = _compiled(brief.body)
        if control is not None:
            line, character = control
            message = f"template error: a string in the template holds {_named(character)}"
            return None, used, [finding(_template_location(brief, line), message, "template")]
        template = environment.template_class.from_code(environment, code, environment.make_globals(None))
        text = _bounded_output(template.generate(template_context(brief, repository, letters)))
    except TemplateSyntaxError as exc:
        return None, used, [finding(_template_location(brief, exc.lineno), f"template error: {exc.message}", "template")]
    except RecursionError as exc:  # a macro that calls itself
        line = _template_line(exc)
        return None, used, [finding(_template_location(brief, line), "template error: a macro calls itself without end", "template")]
    except (TemplateError, UnknownReference, ArithmeticError, TypeError, ValueError) as exc:
        line = _template_line(exc)
        message = exc.args[0] if exc.args else type(exc).__name__
        return None, used, [finding(_template_location(brief, line), f"template error: {message}", "template")]
    return text, used, []


@functools.cache
def _sandbox() -> type:
    """The sandbox class, made on first use: Jinja is imported only for bodies that need it."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class RecordingSandbox(ImmutableSandboxedEnvironment):
        """Notes every commitment and motion whose fields the template reads; bounds sizes."""

        intercepted_binops = frozenset({"*", "**", "%"})

        def __init__(self, used: set[str]):
            # "{#" opens pandoc's attributes ("# Kern {#sec-kern}"), so Jinja's comments are
            # "{## … ##}"; a body's own comments are <!-- … -->.
            super().__init__(
                undefined=StrictUndefined, finalize=_finalize, keep_trailing_newline=True, autoescape=False,
                comment_start_string="{##", comment_end_string="##}",
            )
            self.used = used
            self.filters = dict(bounded_filters)

        def getattr(self, obj, attribute):
            if isinstance(obj, (Commitment, Motion)):
                self.used.add(obj.id)
            if isinstance(obj, str) and attribute in _FORMATTING:
                _check_format(obj)  # "{:>1000000000}".format(1)
            return super().getattr(obj, attribute)

        def getitem(self, obj, argument):
            if isinstance(obj, str) and isinstance(argument, str) and argument in _FORMATTING:
                _check_format(obj)  # "{:>1000000000}"["format"](1)
            return super().getitem(obj, argument)

        def call_binop(self, context, operator, left, right):
            _check_operation_size(operator, left, right)
            return super().call_binop(context, operator, left, right)

        def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 -- Jinja's own signature
            _check_arguments("a call", args, kwargs)
            return super().call(__context, __obj, *args, **kwargs)

    def bounded(name: str, function):
        """A filter that refuses what would make a value too large ("x"|center(10**9))."""
        @functools.wraps(function)  # keeps the marks Jinja reads (pass_context and the like)
        def checked(*args, **kwargs):
            _check_arguments(f"filter '{name}'", args, kwargs)
            if name == "format" and args and isinstance(args[0], str):
                _check_format(args[0])
            return function(*args, **kwargs)

        return checked

    bounded_filters = {name: bounded(name, function) for name, function in ImmutableSandboxedEnvironment().filters.items()}
    return RecordingSandbox


_FORMATTING = frozenset({"format", "format_map"})
# A width or precision in a format ("%1000000000d", "{:.1000000000f}") makes a value that
# long; no number of seven digits or more belongs in the format of a letter's text.
_LARGE_NUMBER = re.compile(r"\d{7,}")


def _check_arguments(what: str, args: tuple, kwargs: dict) -> None:
    from jinja2.exceptions import SecurityError

    if any(isinstance(a, int) and abs(a) > MAX_VALUE_SIZE for a in (*args, *kwargs.values())):
        raise SecurityError(f"a number above {MAX_VALUE_SIZE:,} passed to {what} is too large for a brief")


def _check_format(text: str) -> None:
    from jinja2.exceptions import SecurityError

    if _LARGE_NUMBER.search(text):
        raise SecurityError("a format with a number of seven digits or more could make a value too large for a brief")


@functools.lru_cache(maxsize=1024)
def _compiled(body: str) -> tuple[CodeType, tuple[int, str] | None]:
    """A body compiled to Python once (check and render each expand it, with their own
    sandbox), and the control character a string in it spells, if any."""
    environment = _sandbox()(set())
    tree = environment.parse(body)
    control = _control_in_a_string(tree) if "\\" in body else None  # only an escape spells one
    return environment.compile(tree), control


def _control_in_a_string(tree) -> tuple[int, str] | None:
    """The line and character of a control character (or a lone surrogate, or U+FFFF) that
    a string literal spells with an escape ("\\x1b", "\\ud800"). Jinja folds such a string
    into the text around it and keeps no line for it, so it is found in the parsed template;
    written at run time, one is caught as the output is collected, on the line of the
    statement that writes it."""
    from jinja2 import nodes

    for node in tree.find_all(nodes.Const):
        control = NOT_TEXT_CHARACTER.search(node.value) if isinstance(node.value, str) else None
        if control:
            return node.lineno, control.group()
    return None


def _check_operation_size(operator: str, left: object, right: object) -> None:
    """Refuse a repetition or power whose result would not fit in a brief."""
    from jinja2.exceptions import SecurityError

    if operator == "*":
        sized, count = (left, right) if isinstance(right, int) else (right, left)
        if isinstance(sized, (str, list, tuple)) and isinstance(count, int) and len(sized) * count > MAX_VALUE_SIZE:
            raise SecurityError(f"the result of '*' would be longer than {MAX_VALUE_SIZE:,}")
    elif operator == "%" and isinstance(left, str):
        _check_format(left)
        _check_arguments("'%'", right if isinstance(right, tuple) else (right,), {})
    elif operator == "**" and isinstance(left, int) and isinstance(right, int):
        if abs(left) > 1 and right * max(abs(left).bit_length(), 1) > 4096:
            raise SecurityError("the result of '**' would be too large")


def _bounded_output(pieces: Generator[str, None, None]) -> str:
    from jinja2.exceptions import SecurityError

    collected, size = [], 0
    for piece in pieces:
        size += len(piece)
        # Thrown into the generator, so that the traceback names the template line writing:
        # a loop can put that piece of output many lines below it.
        if size > MAX_OUTPUT_SIZE:
            pieces.throw(SecurityError(f"the template writes more than {MAX_OUTPUT_SIZE:,} characters"))
        control = NOT_TEXT_CHARACTER.search(piece)
        if control:
            pieces.throw(SecurityError(f"the template writes {_named(control.group())}"))
        collected.append(piece)
    return "".join(collected)


def _named(character: str) -> str:
    """'a control character U+001B', 'the lone surrogate U+D800': neither can go into a DOCX."""
    return f"a {describe_control(character)}" if CONTROL_CHARACTER.match(character) else describe_character(character)


def _template_line(exc: BaseException) -> int:
    """The body line a runtime template error happened on (Jinja keeps it in the traceback)."""
    line = 1
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == "<template>":
            line = lineno
    return line


def _template_location(brief: Brief, line: int | None) -> Location:
    return Location(brief.path, brief.body_line + (line or 1) - 1, 1)


