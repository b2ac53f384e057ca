"""A module imported when first used, so that `answerable` commands start quickly.

NumPy (0.14 s), openpyxl and pypdf are needed only once an answer is protected, a workbook
written or a PDF read; importing them at start-up made every command pay for them (issue
16: `answerable --help` took 1.4 CPU seconds). `np = lazy_module("numpy")` gives an object
that imports NumPy on its first attribute (`np.zeros`), and then behaves as the module.
Type checkers see the real module: import it under `if TYPE_CHECKING:` as well.
"""

import importlib
import types
from typing import Any


class _LazyModule(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        # Only attributes the proxy lacks reach here; after the first, it holds them all.
        module = importlib.import_module(self.__name__)
        self.__dict__.update(module.__dict__)
        return getattr(module, name)


def lazy_module(name: str) -> Any:
    """The module `name`, imported on first attribute access (not before)."""
    return _LazyModule(name)
