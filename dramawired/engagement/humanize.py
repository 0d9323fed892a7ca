UNITS = ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "k"))


def compact(n: int) -> str:
    """Counts as news sites show them: 74, 1.2k, 12k, 3.4M."""
    for unit, suffix in UNITS:
        if n >= unit * 0.9995:  # 999,950 reads "1M", not "1000k"
            value = n / unit
            text = f"{value:.1f}" if value < 9.95 else f"{value:.0f}"
            return text.removesuffix(".0") + suffix
    return str(n)
