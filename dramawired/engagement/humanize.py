def compact(n: int) -> str:
    """Counts as news sites show them: 74, 1.2k, 12k, 3.4M."""
    if n < 1000:
        return str(n)
    for limit, suffix in ((1_000_000, "k"), (1_000_000_000, "M"), (float("inf"), "B")):
        if n < limit:
            value = n / (limit / 1000)
            text = f"{value:.1f}" if value < 10 else f"{value:.0f}"
            if text == "1000":  # 999,950 views read "1M", not "1000k"
                continue
            return text.removesuffix(".0") + suffix
    return str(n)
