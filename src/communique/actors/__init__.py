"""The actor stage: who is mentioned, clustered within the article."""

from .stage import ActorIndex, find_actors

__all__ = ["ActorIndex", "find_actors"]
