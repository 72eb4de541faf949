"""The root of claimgraph's own errors: what a user can act on, said in one line.

Every layer raises its own kind (a query refused, a store locked, an input unreadable), each also
a subclass of the built-in error it is (``PermissionError``, ``TimeoutError`` …), and each says
how the front doors answer it: the command line prints the message and exits with
:attr:`ClaimgraphError.exit_code`, the endpoint answers with :attr:`ClaimgraphError.status`.
"""
from __future__ import annotations

from http import HTTPStatus


class ClaimgraphError(Exception):
    """An error the user can act on; the message is one line."""

    exit_code: int = 1
    status: HTTPStatus = HTTPStatus.BAD_REQUEST
