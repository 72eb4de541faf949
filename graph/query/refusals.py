"""What an untrusted SPARQL request may do, decided from a real parse — and a worker that cannot
reach the network even if a check were wrong.

A regular expression over the text cannot tell a keyword from the inside of a string literal the
way the grammar does (a stray quote mark hid a ``SERVICE`` clause from the old guard), so the text
is parsed with rdflib's SPARQL 1.1 grammar and the parse tree is read: a ``ServiceGraphPattern``
or a ``Load`` anywhere refuses the request, and what parses as an update is an update. Text the
parser cannot read is refused as malformed rather than passed on unchecked. The workers that run
queries and updates also drop the right to open internet sockets (seccomp, where Linux and
libseccomp offer it), so the engine's ``SERVICE`` client finds no network either way.
"""
from __future__ import annotations

import errno
import socket
import threading
from functools import lru_cache
from http import HTTPStatus
from typing import Literal

from claimgraph.errors import ClaimgraphError


class QueryError(ClaimgraphError, ValueError):
    """A malformed query or binding; the message is the parser's."""


class QueryRefused(ClaimgraphError, PermissionError):
    """A query that may not run here (SERVICE, an update on a read-only store)."""

    status = HTTPStatus.FORBIDDEN


Form = Literal["query", "update"]
_PARSING = threading.Lock()


@lru_cache(maxsize=512)
def read(text: str) -> tuple[Form, frozenset[str]]:
    """The request's form and the names of every node of its parse tree (``ServiceGraphPattern``,
    ``Load``, ``SelectQuery`` …). Raises :class:`QueryError` when it is neither a query nor an
    update."""
    from pyparsing import ParseException, ParseResults
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    from rdflib.plugins.sparql.parserutils import CompValue

    def names(node: object, out: set[str]) -> set[str]:
        if isinstance(node, CompValue):
            out.add(node.name)
            for value in node.values():
                names(value, out)
        elif isinstance(node, (list, tuple, ParseResults)):
            for value in node:
                names(value, out)
        elif isinstance(node, dict):
            for value in node.values():
                names(value, out)
        return out

    errors = []
    for form, parse in (("query", parseQuery), ("update", parseUpdate)):
        try:
            with _PARSING:  # pyparsing's grammar objects are not safe to share between threads
                tree = parse(text)
            return form, frozenset(names(tree, set()))  # type: ignore[return-value]
        except (ParseException, ValueError, TypeError) as exc:
            errors.append(" ".join(str(exc).split()))
        except RecursionError:
            raise QueryError("malformed query: nested too deeply to check") from None
    raise QueryError("malformed query, a syntax error: " + errors[0][:300])


def refuse_network(tree: frozenset[str]) -> None:
    """No request from the store on a client's behalf: no SERVICE, no LOAD."""
    if "ServiceGraphPattern" in tree:
        raise QueryRefused("SERVICE is not allowed: claimgraph never sends a request on a client's behalf")
    if "Load" in tree:
        raise QueryRefused("LOAD is not allowed: claimgraph never fetches a URL on a client's behalf")


def no_network() -> bool:
    """Drop this process's right to open IPv4 and IPv6 sockets (Unix sockets and pipes still
    work). True when the sandbox is in place; False where the platform offers none (not Linux, or
    no libseccomp), and then the parse-based checks stand alone."""
    try:
        import pyseccomp as seccomp
    except (ImportError, OSError):
        return False
    try:
        rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
        for family in (socket.AF_INET, socket.AF_INET6):
            rules.add_rule(seccomp.ERRNO(errno.EACCES), "socket", seccomp.Arg(0, seccomp.EQ, family))
        rules.load()
    except (OSError, RuntimeError, ValueError):
        return False
    return True
