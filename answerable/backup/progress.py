"""Progress bars for long backups and restores, on standard error."""

from typing import Any

from tqdm import tqdm


def progress_bar(enabled: bool, **kwargs: Any) -> tqdm:
    # disable=None: shown on a terminal, silent in logs and pipes, where it would be noise.
    return tqdm(disable=None if enabled else True, mininterval=0.5, leave=False, **kwargs)
