"""The ``lawlint`` command and ``python -m lawlint``."""

import gc


def main() -> None:
    """Load the CLI and what linting needs with the cyclic garbage collector paused, then run.

    Loading makes tens of thousands of objects that live as long as the process (click, the
    engine): collecting meanwhile only walks them again and again, and so does every later
    collection, and the one at exit. Frozen, the collector leaves them alone (~12 ms of a cold
    start); it runs as usual for what the run itself allocates.
    """
    import sys

    from . import cache

    if "--no-cache" in sys.argv[1:]:  # before the modules below read their cached regex code
        cache.use(False)
    gc.disable()
    try:
        from . import batch  # noqa: F401 - the engine and the model: every lint needs them
        from .cli import main as run
        from .rules import all_rules

        all_rules()  # the rule modules
    finally:
        gc.freeze()
        gc.enable()
    run()


if __name__ == "__main__":  # not when a spawned worker process imports it
    main()
