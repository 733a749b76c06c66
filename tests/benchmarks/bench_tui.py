"""Benchmark: the terminal app's start-up to first paint of the bill, on the sample bill and on
the Renters' Rights Bill, and keypress-to-screen latency while scrolling the Renters' Rights
Bill, measured with Textual's Pilot in one process.

    python tests/benchmarks/bench_tui.py

Goals: first paint ≤ 1 s (sample), ≤ 2 s (Renters' Rights Bill); ≤ 50 ms a keypress.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path

from _shared import RENTERS

from drafter.cli import SAMPLE_BILL
from drafter.tui.app import DrafterApp


async def first_paint(path: Path) -> float:
    """Seconds from creating the app to the bill's lines being on screen."""
    start = time.perf_counter()
    app = DrafterApp(path)
    async with app.run_test(size=(160, 48)) as pilot:
        while app.view is None:
            await asyncio.sleep(0.005)
        await pilot.pause()
        assert app.view.current_line() is not None
        return time.perf_counter() - start


async def keypress_latency(path: Path, keys: list[str]) -> tuple[list[float], list[float]]:
    """Seconds from each keypress to the screen having been refreshed after it, and, pressed
    in turn with it, the same for a key bound to nothing: what Pilot itself costs (its
    press-and-wait-for-idle round trip), which a user at a real terminal does not pay."""
    app = DrafterApp(path)
    times, idle = [], []
    async with app.run_test(size=(160, 48)) as pilot:
        while app.view is None:
            await asyncio.sleep(0.005)
        await pilot.pause()
        for key in keys:
            for bucket, pressed in ((times, key), (idle, "x")):
                start = time.perf_counter()
                await pilot.press(pressed)
                await pilot.pause()
                bucket.append(time.perf_counter() - start)
    return times, idle


def main() -> None:
    sample = asyncio.run(first_paint(SAMPLE_BILL))
    renters = asyncio.run(first_paint(RENTERS))
    keys = ["down"] * 100 + ["pagedown"] * 100 + ["up"] * 50 + ["pageup"] * 50
    latency, idle = asyncio.run(keypress_latency(RENTERS, keys))
    ms = 1000.0
    net = [a - b for a, b in zip(latency, idle, strict=True)]
    print(f"first paint, sample bill (14 pages)        {sample:6.2f} s   (goal ≤ 1 s)")
    print(f"first paint, Renters' Rights Bill (238 pp) {renters:6.2f} s   (goal ≤ 2 s)")
    print(
        f"keypress → screen, scrolling Renters' ({len(keys)} keys): Pilot round trip median "
        f"{statistics.median(latency) * ms:.1f} ms; an unbound key's round trip median "
        f"{statistics.median(idle) * ms:.1f} ms; drafter's own share median "
        f"{statistics.median(net) * ms:.1f} ms, 95th percentile "
        f"{sorted(net)[int(len(net) * 0.95)] * ms:.1f} ms   (goal ≤ 50 ms)"
    )


if __name__ == "__main__":
    main()
