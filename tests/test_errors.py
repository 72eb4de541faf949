"""One root for claimgraph's own errors: the command line and the endpoint answer each from what
the error says of itself (its exit code, its HTTP status), not from a list kept in each."""
from __future__ import annotations

import importlib
import inspect
from http import HTTPStatus

from claimgraph.errors import ClaimgraphError

from .test_layers import modules


def test_every_error_claimgraph_defines_has_the_one_root():
    defined = []
    for name, _ in modules():
        if name == "claimgraph.scorer":  # the shared scorer, verbatim
            continue
        module = importlib.import_module(name)
        defined += [cls for _, cls in inspect.getmembers(module, inspect.isclass)
                    if issubclass(cls, BaseException) and cls.__module__ == name]
    assert len(defined) >= 12
    strays = [f"{c.__module__}.{c.__name__}" for c in defined if not issubclass(c, ClaimgraphError)]
    assert not strays, strays


def test_each_error_says_how_the_endpoint_answers_it():
    from claimgraph.graph.query.refusals import QueryError, QueryRefused
    from claimgraph.graph.query.sparql import QueryOverMemory, QueryTimeout
    from claimgraph.graph.store.database import StoreLocked, StoreMissing

    assert {cls: cls.status for cls in (QueryError, QueryRefused, QueryTimeout, QueryOverMemory, StoreLocked, StoreMissing)} == {
        QueryError: HTTPStatus.BAD_REQUEST, QueryRefused: HTTPStatus.FORBIDDEN, QueryTimeout: HTTPStatus.SERVICE_UNAVAILABLE,
        QueryOverMemory: HTTPStatus.SERVICE_UNAVAILABLE, StoreLocked: HTTPStatus.CONFLICT, StoreMissing: HTTPStatus.NOT_FOUND}
    assert issubclass(QueryRefused, PermissionError) and issubclass(StoreMissing, FileNotFoundError)  # still what they are
