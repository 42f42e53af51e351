"""`android-gym view`: static HTML pages (and GIFs) of recorded episodes, opened from disk.

`write_viewer(source, output)` writes an index of every episode of a results directory, a distrl
run's evaluations or a folder of recordings, and one page per episode. See docs/viewer.md.
"""

from android_gym.evaluation.viewer.build import ViewerSite, default_output, write_viewer
from android_gym.evaluation.viewer.sources import ViewerError

__all__ = ["ViewerError", "ViewerSite", "default_output", "write_viewer"]
