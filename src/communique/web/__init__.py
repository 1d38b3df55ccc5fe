"""Local web UI over a store: ``communique serve`` (see docs/web.md)."""

from .app import create_app

__all__ = ["create_app"]
