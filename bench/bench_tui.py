"""Terminal app speed, measured in a real pseudo-terminal the way a person sees it.

1. Time to first frame: from starting ``assess tui`` to the welcome screen's text
   arriving on the terminal, against a hello-world Textual app started the same
   way (target: ratio <= 1.3).
2. Answer to next question: from the key that answers a question to the next
   question's id arriving on the terminal, which now includes writing the answer
   to disk (fsynced) before the paint; against a bare Textual app's key-to-repaint
   in the same run (target: median <= 3x the bare app's, p90 under 100 ms). Keys are
   sent at random points of the 60 Hz paint cycle.

Run: .venv/bin/python bench/bench_tui.py [--runs N] [--answers N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import os
import pty
import random
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path

from common import ROOT  # (and our bytecode compiled, as an installed copy has it)

BIN = Path(sys.executable).parent
SIZE = (100, 30)
JITTER = random.Random(20261127)

HELLO = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Static

    class Hello(App):
        def compose(self):
            yield Static("Hello, world")

    Hello().run()
    """
)

# The floor for "key to repaint" on this machine: a bare app that changes one label per key.
KEYS = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Keys(App):
        count = 0

        def compose(self):
            yield Header()
            yield Static("item-0", id="label")
            yield Footer()

        def on_key(self, event):
            self.count += 1
            self.query_one("#label", Static).update(f"item-{self.count}")

    Keys().run()
    """
)


class Terminal:
    """A child process on a pseudo-terminal, with its output read as it arrives."""

    def __init__(self, argv: Sequence[str], env: dict[str, str]) -> None:
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child
            os.execve(argv[0], list(argv), env)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        self.buffer = b""

    def wait_for(self, text: str, timeout: float = 20.0) -> float:
        """Seconds until ``text`` appears in output not yet consumed; the output up to it is consumed."""
        needle = text.encode()
        deadline = time.perf_counter() + timeout
        while needle not in self.buffer:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"{text!r} did not appear within {timeout:.0f}s")
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    raise TimeoutError(f"the program ended before {text!r} appeared") from None
                self.buffer += chunk
        seen = time.perf_counter()
        self.buffer = self.buffer[self.buffer.index(needle) + len(needle) :]
        return seen

    def drain(self, quiet: float = 0.05) -> None:
        """Read until the program has been silent for ``quiet`` seconds."""
        while select.select([self.fd], [], [], quiet)[0]:
            try:
                os.read(self.fd, 65536)
            except OSError:
                return
        self.buffer = b""

    def send(self, keys: bytes) -> float:
        # Textual paints on a 60 Hz grid; a key sent a fixed time after the last paint would
        # always land at the same phase of it and flatter (or penalise) the result.
        time.sleep(JITTER.uniform(0, 1 / 60))
        sent = time.perf_counter()
        os.write(self.fd, keys)
        return sent

    def close(self) -> None:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                break
            for _ in range(50):
                if os.waitpid(self.pid, os.WNOHANG) != (0, 0):
                    os.close(self.fd)
                    return
                time.sleep(0.02)
        os.close(self.fd)


def environment(state: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    env.update(
        TERM="xterm-256color",
        COLUMNS=str(SIZE[0]),
        LINES=str(SIZE[1]),
        XDG_STATE_HOME=str(state / "state"),
        XDG_CONFIG_HOME=str(state / "config"),
    )
    return env


def first_frame(argv: Sequence[str], sentinel: str, env: dict[str, str]) -> float:
    term = Terminal(argv, env)
    try:
        return term.wait_for(sentinel) - term.started
    finally:
        term.close()


def answers_file(folder: Path) -> Path:
    """A new answers file with only the team facts filled in, as the app starts one."""
    sys.path.insert(0, str(ROOT))
    from assess.tui.opening import start_answers

    path = folder / "bench.yaml"
    start_answers("sre-core", {"name": "Bench", "engineers": 8}, path, today=dt.date(2026, 1, 15))
    return path


def answer_latencies(count: int, env: dict[str, str], folder: Path) -> list[float]:
    from assess import catalog
    from assess.engine.answers import Resolved, ruled_out
    from assess.models import MultiQuestion

    questionnaire = catalog.load("sre-core")[0]
    questions = [q for _, q in questionnaire.questions()]
    path = answers_file(folder)
    term = Terminal([str(BIN / "assess"), "tui", str(path)], env)
    timings: list[float] = []
    picked: dict[str, Resolved] = {}
    try:
        term.wait_for(questions[0].id)
        term.drain(0.3)
        n = 0
        while len(timings) < count:
            current = questions[n]
            if isinstance(current, MultiQuestion):
                term.send(b"1")
                term.drain()
                sent = term.send(b"\x1b[C")  # right arrow: done with this checklist
            else:
                sent = term.send(b"1")
            # The app passes over follow-ups the first choice rules out (no SLOs, no rotation...).
            picked[current.id] = Resolved("answered", (current.choices[0].id,))
            skipped = ruled_out(questionnaire, picked)
            later = range(n + 1, len(questions))
            following = next((i for i in later if questions[i].id not in skipped), None)
            if following is None:
                break
            timings.append(term.wait_for(questions[following].id) - sent)
            term.drain()
            n = following
    finally:
        term.close()
    return timings


def bare_key_latencies(count: int, env: dict[str, str], folder: Path) -> list[float]:
    script = folder / "keys.py"
    script.write_text(KEYS)
    term = Terminal([sys.executable, str(script)], env)
    timings: list[float] = []
    try:
        term.wait_for("item-0")
        term.drain(0.3)
        for number in range(1, count + 1):
            sent = term.send(b"x")
            timings.append(term.wait_for(f"item-{number}") - sent)
            term.drain()
    finally:
        term.close()
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="starts of each app (default 10)")
    parser.add_argument("--answers", type=int, default=40, help="questions to answer (default 40)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = environment(folder)
        hello_script = folder / "hello.py"
        hello_script.write_text(HELLO)
        hello_argv = [sys.executable, str(hello_script)]
        assess_argv = [str(BIN / "assess"), "tui"]
        module_argv = [sys.executable, "-m", "assess.tui"]
        sentinel = "Start a new assessment"
        first_frame(hello_argv, "Hello, world", env)  # warm the file cache once
        first_frame(assess_argv, sentinel, env)
        hello: list[float] = []
        ours: list[float] = []
        module: list[float] = []
        for _ in range(args.runs):
            hello.append(first_frame(hello_argv, "Hello, world", env))
            ours.append(first_frame(assess_argv, sentinel, env))
            module.append(first_frame(module_argv, sentinel, env))
        latencies = answer_latencies(args.answers, env, folder)
        floor = bare_key_latencies(args.answers, env, folder)

    hello_median, ours_median = statistics.median(hello), statistics.median(ours)
    ratio = ours_median / hello_median
    answer_median = statistics.median(latencies) * 1000
    answer_p90 = statistics.quantiles(latencies, n=10)[-1] * 1000
    bare_median = statistics.median(floor) * 1000
    answer_ratio = answer_median / bare_median
    print(f"first frame, hello-world Textual app: median {hello_median * 1000:.0f} ms ({args.runs} runs)")
    print(f"first frame, assess tui:             median {ours_median * 1000:.0f} ms ({args.runs} runs)")
    print(f"first frame ratio: {ratio:.2f}x (target <= 1.30x) {'ok' if ratio <= 1.3 else 'OVER TARGET'}")
    module_median = statistics.median(module)
    print(
        f"first frame, python -m assess.tui (the app without the CLI module): median "
        f"{module_median * 1000:.0f} ms, ratio {module_median / hello_median:.2f}x"
    )
    print(
        f"answer to next question painted (saved first): median {answer_median:.1f} ms, "
        f"p90 {answer_p90:.1f} ms over {len(latencies)} answers (target p90 < 100 ms) "
        f"{'ok' if answer_p90 < 100 else 'OVER TARGET'}"
    )
    print(
        f"a bare Textual app's key to repaint: median {bare_median:.1f} ms; answer/bare ratio "
        f"{answer_ratio:.1f}x (target <= 3x) {'ok' if answer_ratio <= 3 else 'OVER TARGET'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
