"""The ``lawlint`` command and ``python -m lawlint``."""

import gc


def main() -> None:
    """Load the CLI with the cyclic garbage collector paused, then run it. Loading makes tens of
    thousands of objects that live as long as the process (click, the rules, lark): collecting
    meanwhile only walks them again and again (~4 ms of a cold start). cli.main freezes them."""
    gc.disable()
    try:
        from .cli import main as run
    finally:
        gc.enable()
    run()


if __name__ == "__main__":  # not when a spawned worker process imports it
    main()
