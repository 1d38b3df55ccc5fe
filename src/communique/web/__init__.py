"""Local web UI over a store: ``communique serve`` (see docs/web.md)."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import create_app


def __getattr__(name: str) -> Any:  # FastAPI is imported when the app is made, not at start-up
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["create_app"]
