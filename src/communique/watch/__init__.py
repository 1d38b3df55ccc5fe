"""Keep a store current from live news feeds: ``communique watch``.

Modules: :mod:`.http` (the polite client), :mod:`.sources` (feeds, sitemaps, URL
lists), :mod:`.page` (fetch and extract an article page), :mod:`.state` (the watch
tables), :mod:`.poll` (one poll and the schedule), :mod:`.bench` (``bench watch``).
See docs/watch.md.
"""

from .http import HttpOptions
from .poll import PollReport, SourceReport, WatchOptions, poll, watch
from .sources import expand as expand_sources
from .state import sources_health

__all__ = ["HttpOptions", "PollReport", "SourceReport", "WatchOptions", "expand_sources",
           "poll", "sources_health", "watch"]
