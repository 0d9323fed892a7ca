"""The `dramawired` command: Django's management commands under the project's name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dramawired.settings.base")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["dramawired", *sys.argv[1:]])
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        # Commands report bad input as CommandError themselves; anything else still gets
        # one readable line, not a traceback (DRAMAWIRED_DEBUG=1 shows the traceback).
        if os.environ.get("DRAMAWIRED_DEBUG") == "1":
            raise
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
