import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Python's helper, put first on PYTHONPATH as `sitecustomize` (Python imports it at start-up,
 * when `site` runs, unless -S or -I). Variables are enough for requests, httpx, urllib and pip;
 * aiohttp reads HTTP(S)_PROXY only when a ClientSession is made with trust_env=True, which is
 * not its default. So: when (and only if) the app imports aiohttp, ClientSession's default
 * becomes trust_env=True; a session the app makes with trust_env=False stays so (its choice).
 * HTTP Toolkit does the same for aiohttp with a module that shadows it; an import hook here
 * leaves aiohttp's own module in place. Then the sitecustomize this one hides (Debian's, a
 * virtualenv's, the user's) is found further down sys.path and run, as if this one were not
 * there. Nothing here may break the app: every step is guarded, and it prints nothing.
 */
export const PYTHON_SITECUSTOMIZE = `# why401 run: makes aiohttp honour the proxy variables (trust_env); removed when the run ends.
import sys

def _why401_setup():
    import importlib.abc, functools, os

    here = os.path.dirname(os.path.abspath(__file__))

    def patch(module):
        session = getattr(module, "ClientSession", None)
        init = getattr(session, "__init__", None)
        if init is None or getattr(init, "_why401", False):
            return
        @functools.wraps(init)
        def __init__(self, *args, **kwargs):
            kwargs.setdefault("trust_env", True)
            init(self, *args, **kwargs)
        __init__._why401 = True
        session.__init__ = __init__

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name != "aiohttp":
                return None
            for finder in sys.meta_path:
                if finder is self or not hasattr(finder, "find_spec"):
                    continue
                spec = finder.find_spec(name, path, target)
                if spec is None:
                    continue
                loader = spec.loader
                run = getattr(loader, "exec_module", None)
                if run is not None:
                    def exec_module(module, _run=run):
                        _run(module)
                        try:
                            patch(module)
                        except Exception:
                            pass
                    try:
                        loader.exec_module = exec_module
                    except Exception:
                        pass
                return spec
            return None

    sys.meta_path.insert(0, Finder())
    if "aiohttp" in sys.modules:
        patch(sys.modules["aiohttp"])

    # The sitecustomize this file hides: import the next one on sys.path, if any.
    me = sys.modules.get("sitecustomize")
    saved = list(sys.path)
    try:
        sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
        del sys.modules["sitecustomize"]
        import importlib
        importlib.import_module("sitecustomize")
    except ImportError as e:
        if getattr(e, "name", None) != "sitecustomize":
            raise
    finally:
        sys.path[:] = saved
        if me is not None and "sitecustomize" not in sys.modules:
            sys.modules["sitecustomize"] = me

try:
    _why401_setup()
except Exception:
    pass
del _why401_setup
`;

/** Writes the per-runtime helpers into the run's private folder; returns what to add to the env. */
export function writeRuntimeHelpers(dir: string): { pythonPath: string } {
  const pythonPath = join(dir, 'python');
  mkdirSync(pythonPath, { mode: 0o700 });
  writeFileSync(join(pythonPath, 'sitecustomize.py'), PYTHON_SITECUSTOMIZE, { mode: 0o600 });
  return { pythonPath };
}

/** PYTHONPATH with the helper first, the user's own entries kept after it. */
export function pythonPathWith(helper: string, before: string | undefined): string {
  return before ? `${helper}${delimiter}${before}` : helper;
}
