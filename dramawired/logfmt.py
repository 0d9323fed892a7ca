"""Event log lines are `key=value` pairs, one line per event (source, item, outcome), so a
deployment can grep them or feed them to any logfmt reader."""


def q(text: str) -> str:
    """A value that stays one token: quoted when it holds spaces or quotes (or is empty)."""
    if text and not any(c.isspace() or c == '"' for c in text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'
