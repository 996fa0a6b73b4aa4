"""Keep Streamlit's garbage collection after every rerun cheap.

After every script run, Streamlit forces a full garbage collection (``gc.collect(2)``,
its ``runner.postScriptGC`` option). With numpy, pandas, pyarrow, Altair and
scikit-learn loaded, a full collection walks some 170,000 objects that live as long as
the server: 50-80 ms of CPU on this 2-core machine after every slider move, holding
Python's GIL (the server cannot send the rerun's last messages meanwhile) and competing
with the browser for the cores. ``gc.freeze()`` moves every object alive now to a
permanent generation that collections skip; objects made later are still collected as
usual.
"""

import gc
import sys
import threading

_lock = threading.Lock()
_modules_when_frozen = 0


def freeze_imports():
    """Freeze what the imports made, so the collection after each rerun skips it.

    Call it from a page script right after its imports, before it draws anything.
    It collects and freezes only when modules were imported since the last freeze:
    the first visit of each page in a server process, so a handful of times in all.
    Collecting first keeps garbage out of the permanent generation.
    """
    global _modules_when_frozen
    if len(sys.modules) <= _modules_when_frozen:
        return
    with _lock:
        if len(sys.modules) <= _modules_when_frozen:
            return
        gc.collect()
        gc.freeze()
        _modules_when_frozen = len(sys.modules)
