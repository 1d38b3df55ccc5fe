"""The web app's routers, one per resource; each serves a page and its JSON twin (and CSV
/ JSONL downloads for lists) through :func:`communique.web.formats.respond`."""

from . import actors, apidocs, articles, events, network, overview, quotes, sources

ROUTERS = [overview.router, articles.router, actors.router, network.router, quotes.router,
           events.router, sources.router, apidocs.router]

__all__ = ["ROUTERS"]
