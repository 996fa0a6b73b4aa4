"""Keep the server's full garbage collections cheap.

A full collection walks every object Python tracks. With numpy, pandas, pyarrow, Altair
and scikit-learn loaded, some 170,000 of them live as long as the server: 50-80 ms of CPU
on this 2-core machine, holding Python's GIL (the server cannot send a rerun's messages
meanwhile) and competing with the browser for the cores. Streamlit's own collection after
every script run (``runner.postScriptGC``) is off in .streamlit/config.toml, since it
also walked what the caches keep; Python's generational collector still makes full
collections now and then. ``gc.freeze()`` moves every object alive now to a permanent
generation that collections skip; objects made later are still collected as usual.
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
