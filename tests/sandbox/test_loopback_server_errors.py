"""A 5xx can answer any route, as Discord's servers fail anywhere: the spec documents none,
so the loopback's own check of its answers lets an injected one through as it is."""

from __future__ import annotations

from sandbox.validator import SpecValidator

from .test_validator import validator  # noqa: F401 (the fixture)


def test_a_server_error_is_no_violation_on_a_route_that_documents_none(
    validator: SpecValidator,  # noqa: F811
) -> None:
    body = {"message": "503: Service Unavailable", "code": 0}
    assert validator.check_response("PATCH", "/channels/{channel_id}", "/x", 503, body) == []
