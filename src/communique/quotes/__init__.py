"""The quote stage: who said what, from quotation marks, cue verbs and the parse."""

from .marks import Region, find_regions, quoted_mask
from .stage import Draft, find_quotes

__all__ = ["Draft", "Region", "find_quotes", "find_regions", "quoted_mask"]
