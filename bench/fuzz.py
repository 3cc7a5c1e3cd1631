"""Time-bounded fuzzing of the readers, the way the flows run them (issue #8 item 6). Not a test.

Usage: .venv/bin/python bench/fuzz.py --minutes 10 [--seed N] [--out DIR] [--timeout S] [--memory-mb M]
       (run it under `nice -n 19` on a shared machine)

Seeds are the files of samples/cases and samples/renditions, and the sample cases zipped. Each
round picks a reader type, one of its seeds, and one to three mutations (bit flips, truncation,
chunk duplication and deletion, splicing with another seed, a swapped header, a PDF number made
huge, random bytes inserted), all driven by one seeded `random.Random`, so `--seed N` repeats a run
(the figures differ only where timing decides, such as a bound being hit).

Each mutated file goes through `flows.stages.read_source`, the isolated reader the flows use (a
forked child with a time and a memory bound), then through `stages.understand` when it gave pages;
an e-mail's attachments are read the same way. Mutated zips go through `casefile.loading.load_case`
(run here in a bounded child too, so a hang shows as one instead of stopping the run). Outcomes:

- crash: an exception escaped the stage that must turn bad input into findings (`read_source`,
  `understand`; anything but `CaseError` from `load_case`). Saved under OUT/crashes/.
- contract: `read_file` raised, or its process died, inside the bounded child (it promises to raise
  only `MissingDependencyError`); `read_source` turned it into a finding. Saved under OUT/contract/.
- hang: the time bound was hit (a finding for the product, saved under OUT/hangs/); a call that
  outlives its bound by 90 s stops the run (saved first).
- memory: the memory bound was hit (saved under OUT/memory/).
- absorbed: `read_file`'s catch-all turned a reader exception into `unsupported_format` (told
  from the finding's "ExceptionType: message" detail); counted by exception type, a few kept under
  OUT/absorbed/. Not crashes: the design lets them through as findings, but each type is worth a look.

Printed at the end: minutes, inputs tried per reader type, each outcome, the slowest inputs, and the
peak resident memory of any reader process (sampled from /proc every 50 ms: the forked readers and
the Tesseract they start) and of this process.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import hashlib
import io
import os
import random
import re
import resource
import shutil
import sys
import tempfile
import threading
import time
import traceback
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SEED_DIRS = [REPO / "samples" / "cases", REPO / "samples" / "renditions"]
HEADERS = [b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", b"PK\x03\x04",
           b"II*\x00", b"MM\x00*", b"RIFF\x00\x00\x00\x00WEBPVP8 ", b"From: a@b.c\nTo: d@e.f\nSubject: x\n\n",
           b"\xef\xbb\xbf", b"\xff\xfe", b"GIF89a", b"BM", b"\x00\x00\x00\x0cjP  "]
INTERESTING = [0x00, 0xFF, 0x7F, 0x80, 0x20, 0x0A, 0x25, 0x3C, 0x3E]
HUGE_NUMBERS = [b"99999999", b"2147483648", b"-1", b"0", b"4294967295", b"1e308", b"65536"]
SAVED_PER_ABSORBED_TYPE = 3
OVERRUN_S = 90  # beyond its bound, a call is taken as stuck and the run stops
EXCEPTION_DETAIL = re.compile(r"^([A-Za-z_][\w.]*): ")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to fuzz (default 10)")
    parser.add_argument("--seed", type=int, default=None, help="seed of the mutator (default: from the clock)")
    parser.add_argument("--out", type=Path, default=None, help="folder for saved inputs (default var/fuzz/<time>-seed<N>)")
    parser.add_argument("--timeout", type=float, default=120.0, help="per-document time bound in s (default 120)")
    parser.add_argument("--memory-mb", type=int, default=2048, help="per-document memory bound (default 2048)")
    parser.add_argument("--zip-share", type=float, default=0.15, help="share of rounds on zipped cases (default 0.15)")
    return parser.parse_args()


# -- seeds ---------------------------------------------------------------------------------------


def media_kind(data: bytes, name: str) -> str:
    """A coarse reader type of a seed, for choosing seeds evenly across readers."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return "docx" if name.endswith(".docx") else "zip"
    if data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff" or data[:4] in (b"II*\x00", b"MM\x00*"):
        return "image"
    if name.endswith(".eml"):
        return "email"
    return "text"


def load_seeds(work: Path) -> dict[str, list[tuple[str, bytes]]]:
    seeds: dict[str, list[tuple[str, bytes]]] = collections.defaultdict(list)
    for root in SEED_DIRS:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            data = path.read_bytes()
            seeds[media_kind(data, path.name)].append((path.name, data))
    for case in sorted(p for p in SEED_DIRS[0].iterdir() if p.is_dir()):  # each sample case, zipped
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for file in sorted(p for p in case.rglob("*") if p.is_file()):
                zf.write(file, f"{case.name}/{file.relative_to(case).as_posix()}")
        seeds["zip"].append((f"{case.name}.zip", buffer.getvalue()))
    return dict(seeds)


# -- mutations -----------------------------------------------------------------------------------


def bit_flips(rng: random.Random, data: bytes, _: list) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice([1, 2, 4, 8, 32])):
        if not out:
            break
        i = rng.randrange(len(out))
        out[i] = rng.choice(INTERESTING) if rng.random() < 0.3 else out[i] ^ (1 << rng.randrange(8))
    return bytes(out)


def truncate(rng: random.Random, data: bytes, _: list) -> bytes:
    return data[: rng.randrange(len(data) + 1)] if rng.random() < 0.7 else data[rng.randrange(len(data) + 1):]


def duplicate_chunk(rng: random.Random, data: bytes, _: list) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    chunk = data[start:start + rng.choice([16, 256, 4096, 65536])]
    at = rng.randrange(len(data) + 1)
    return data[:at] + chunk * rng.choice([1, 2, 16, 200]) + data[at:]


def delete_chunk(rng: random.Random, data: bytes, _: list) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.choice([1, 64, 1024, 32768]):]


def splice(rng: random.Random, data: bytes, pool: list) -> bytes:
    other = rng.choice(pool)[1]
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1):]


def swap_header(rng: random.Random, data: bytes, _: list) -> bytes:
    header = rng.choice(HEADERS)
    return header + data[len(header):] if rng.random() < 0.6 else header + data


def huge_number(rng: random.Random, data: bytes, _: list) -> bytes:
    numbers = list(re.finditer(rb"(?<=[ /\[])\d{1,9}(?=[ \]/\n\r>])", data[:2_000_000]))
    if not numbers:
        return bit_flips(rng, data, _)
    m = rng.choice(numbers)
    return data[:m.start()] + rng.choice(HUGE_NUMBERS) + data[m.end():]


def insert_random(rng: random.Random, data: bytes, _: list) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.randbytes(rng.choice([1, 8, 512, 8192])) + data[at:]


MUTATORS = [bit_flips, truncate, duplicate_chunk, delete_chunk, splice, swap_header, huge_number, insert_random]


def mutate(rng: random.Random, data: bytes, pool: list) -> tuple[bytes, list[str]]:
    names = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        mutator = rng.choice(MUTATORS)
        data = mutator(rng, data, pool)
        names.append(mutator.__name__)
    return data, names


def mutate_zip(rng: random.Random, data: bytes, pool: list) -> tuple[bytes, list[str]]:
    """Half the time the zip's bytes; else one member's bytes (often case.toml), re-zipped whole,
    so the archive still opens and the mutation reaches the case loader's inside."""
    if rng.random() < 0.5:
        return mutate(rng, data, pool)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = [(info, zf.read(info)) for info in zf.infolist()]
    tomls = [i for i, (info, _) in enumerate(members) if info.filename.endswith("case.toml")]
    pick = rng.choice(tomls) if tomls and rng.random() < 0.6 else rng.randrange(len(members))
    info, body = members[pick]
    body, names = mutate(rng, body, pool)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (other, content) in enumerate(members):
            zf.writestr(other.filename, body if i == pick else content)
    return buffer.getvalue(), [f"member {info.filename}: {'+'.join(names)}"]


# -- peak memory of the reader processes ------------------------------------------------------------


class MemorySampler(threading.Thread):
    """Peak resident memory (VmHWM) of every descendant of this process but its direct children
    (the fork server itself): the forked readers and the Tesseract processes they start."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kb, self.peak_label = 0, ""
        self.label = ""
        self._stop = threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.05):
            parents = {}
            for entry in os.scandir("/proc"):
                if entry.name.isdigit():
                    try:
                        with open(f"/proc/{entry.name}/stat", "rb") as fh:
                            stat = fh.read()
                        parents[int(entry.name)] = int(stat[stat.rfind(b")") + 2:].split()[1])
                    except (OSError, ValueError, IndexError):
                        continue
            children = {pid for pid, ppid in parents.items() if ppid == me}
            grand = {pid for pid, ppid in parents.items() if ppid in children}
            frontier, found = set(grand), set(grand)
            while frontier:
                frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - found
                found |= frontier
            for pid in found:
                try:
                    with open(f"/proc/{pid}/status") as fh:
                        hwm = next((int(line.split()[1]) for line in fh if line.startswith("VmHWM:")), 0)
                except (OSError, ValueError):
                    continue
                if hwm > self.peak_kb:
                    self.peak_kb, self.peak_label = hwm, self.label

    def stop(self) -> None:
        self._stop.set()


# -- the run -----------------------------------------------------------------------------------------


class Run:
    def __init__(self, out: Path, args: argparse.Namespace, seed: int):
        self.out, self.args, self.seed = out, args, seed
        self.tried: collections.Counter[str] = collections.Counter()
        self.outcomes: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        self.absorbed: collections.Counter[str] = collections.Counter()
        self.codes: collections.Counter[str] = collections.Counter()
        self.saved: list[Path] = []
        self.slowest: list[tuple[float, str]] = []
        self.current: tuple[float, str, bytes, str] | None = None
        self.rounds = 0
        self.started = time.monotonic()
        self.sampler: MemorySampler | None = None
        self.own_peak: tuple[int, str] = (0, "")
        self.scratch = Path(tempfile.gettempdir())

    def save(self, folder: str, name: str, data: bytes, note: str) -> Path:
        target = self.out / folder
        target.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(data).hexdigest()[:12]
        path = target / f"{len(self.saved) + 1:04d}-{digest}-{name}"
        path.write_bytes(data)
        path.with_name(path.name + ".txt").write_text(note, encoding="utf-8")
        self.saved.append(path)
        return path

    def timed(self, seconds: float, label: str) -> None:
        self.slowest = sorted([*self.slowest, (seconds, label)], reverse=True)[:5]


def read_one(run: Run, path: Path, name: str, data: bytes, note: str, workdir: Path, depth: int = 0) -> None:
    """One file through the isolated reader (and `understand`), then its attachments."""
    from casefile.case import SourceFile
    from extractors.readers import filetype
    from flows import isolation, stages

    try:
        kind = filetype.detect(path).split("/")[-1]
    except Exception as exc:  # noqa: BLE001 - detect runs inside read_file too; counted there
        kind = f"undetectable ({type(exc).__name__})"
    kind = {"vnd.openxmlformats-officedocument.wordprocessingml.document": "docx", "octet-stream": "unknown",
            "rfc822": "email"}.get(kind, kind)
    label = f"{kind}: {note}"
    run.tried[kind] += 1
    source = SourceFile(path=name, abs_path=str(path), sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    bounds = isolation.Bounds(timeout_s=run.args.timeout, memory_mb=run.args.memory_mb)
    run.current = (time.monotonic(), name, data, label)
    started = time.monotonic()
    try:
        read = stages.read_source(source, workdir, bounds=bounds)
    except Exception:  # noqa: BLE001 - the point of the exercise
        run.outcomes["read_source"]["crash"] += 1
        run.save("crashes", name, data, f"{label}\nescaped read_source:\n{traceback.format_exc()}")
        return
    finally:
        run.current = None
    run.timed(time.monotonic() - started, label)
    details = [(i.code.value, i.detail or "") for i in read.issues]
    run.codes.update(code for code, _ in details)
    outcome = "pages" if read.pages else "finding only"
    for code, detail in details:
        if detail.startswith("reading took too long"):
            outcome = "hang"
            run.save("hangs", name, data, f"{label}\n{detail}")
        elif detail.startswith("reading needed too much memory"):
            outcome = "memory"
            run.save("memory", name, data, f"{label}\n{detail}")
        elif detail.startswith("reader error:"):
            outcome = "contract"
            run.save("contract", name, data, f"{label}\n{detail}\n\nagain, with the child's own message:\n"
                                            f"{diagnose(path, workdir, bounds)}")
        elif code == "unsupported_format" and (m := EXCEPTION_DETAIL.match(detail)):
            outcome = "absorbed"
            run.absorbed[m.group(1)] += 1
            if run.absorbed[m.group(1)] <= SAVED_PER_ABSORBED_TYPE:
                run.save("absorbed", name, data, f"{label}\n{detail}")
    run.outcomes["read_source"][outcome] += 1
    if read.pages:
        run.current = (time.monotonic(), name, data, f"{label} (understand)")
        try:
            stages.understand(source, read)
            run.outcomes["understand"]["ok"] += 1
        except Exception:  # noqa: BLE001
            run.outcomes["understand"]["crash"] += 1
            run.save("crashes", name, data, f"{label}\nescaped understand:\n{traceback.format_exc()}")
        finally:
            run.current = None
    for attachment in stages.attachment_sources(source, read):
        member = Path(attachment.abs_path)
        read_one(run, member, f"{name}#{Path(attachment.path).name}"[-120:], member.read_bytes(),
                 f"attachment of {note}", workdir, depth + 1)


def diagnose(path: Path, workdir: Path, bounds) -> str:
    from flows import isolation, stages

    try:
        isolation.run_isolated(stages.read_and_verify, path, workdir, bounds=bounds)
        return "(read cleanly the second time)"
    except Exception as exc:  # noqa: BLE001
        return f"{type(exc).__name__}: {exc}"


def load_one(run: Run, path: Path, name: str, data: bytes, note: str, workdir: Path) -> None:
    """A zipped case through the case loader, bounded like a reader (the product runs it unbounded)."""
    from casefile.loading import load_case
    from flows import isolation

    label = f"zip: {note}"
    run.tried["zip (case loader)"] += 1
    bounds = isolation.Bounds(timeout_s=run.args.timeout, memory_mb=run.args.memory_mb)
    run.current = (time.monotonic(), name, data, label)
    started = time.monotonic()
    try:
        isolation.run_isolated(load_case, path, workdir / "load", bounds=bounds)
        outcome = "loaded"
    except isolation.IsolatedTimeout as exc:
        outcome = "hang"
        run.save("hangs", name, data, f"{label}\nload_case: {exc}")
    except isolation.IsolatedMemoryError as exc:
        outcome = "memory"
        run.save("memory", name, data, f"{label}\nload_case: {exc}")
    except isolation.IsolatedCrash as exc:
        message = str(exc)
        if message.startswith(("CaseError:", "CaseConfigError:")):
            outcome = "CaseError"
        else:
            outcome = "crash"
            run.save("crashes", name, data, f"{label}\nescaped load_case:\n{message}")
    finally:
        run.current = None
    run.timed(time.monotonic() - started, label)
    run.outcomes["load_case"][outcome] += 1


def watchdog(run: Run, stop: threading.Event) -> None:
    while not stop.wait(5):
        current = run.current
        if current and time.monotonic() - current[0] > run.args.timeout + OVERRUN_S:
            _, name, data, label = current
            path = run.save("hangs", name, data, f"{label}\nSTUCK: outlived its {run.args.timeout:.0f} s bound "
                                                  f"by {OVERRUN_S} s; the run was stopped here")
            print(f"\nSTUCK on {label}; saved as {path}; stopping", flush=True)
            report(run, stopped=True)
            shutil.rmtree(run.scratch, ignore_errors=True)
            os._exit(3)


def report(run: Run, stopped: bool = False) -> None:
    minutes = (time.monotonic() - run.started) / 60
    sampler = run.sampler
    print("\n== bench/fuzz" + (" (STOPPED EARLY)" if stopped else ""))
    print(f"seed {run.seed}; {minutes:.1f} minutes; {run.rounds} rounds; {sum(run.tried.values())} inputs tried "
          f"(attachments included); bounds {run.args.timeout:.0f} s, {run.args.memory_mb} MB per document")
    print("inputs tried per reader type (by the content the reader sees):")
    for kind, n in run.tried.most_common():
        print(f"  {kind:28} {n}")
    for stage, counts in run.outcomes.items():
        print(f"{stage}: " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    crashes = sum(c["crash"] for c in run.outcomes.values())
    hangs = sum(c["hang"] for c in run.outcomes.values())
    print(f"CRASHES (exceptions escaping the stage): {crashes}")
    print(f"HANGS (time bound hit): {hangs}")
    print(f"memory bound hit: {sum(c['memory'] for c in run.outcomes.values())}")
    print(f"read_file contract breaches (raised or died in the child): {run.outcomes['read_source']['contract']}")
    print("reader exceptions absorbed by read_file's catch-all, by type: "
          + (", ".join(f"{k} {v}" for k, v in run.absorbed.most_common()) or "none"))
    print("findings by code: " + ", ".join(f"{k} {v}" for k, v in run.codes.most_common()))
    print("slowest inputs: " + "; ".join(f"{s:.1f} s {label[:70]}" for s, label in run.slowest))
    if sampler is not None:
        print(f"max memory: reader processes peak RSS {sampler.peak_kb / 1024:.0f} MB "
              f"({sampler.peak_label[:80]}); this process (where `understand` runs) {run.own_peak[0] / 1024:.0f} MB "
              f"({run.own_peak[1][:90]})")
    print(f"saved inputs: {len(run.saved)} under {run.out}" + (" (crashes/, contract/, hangs/, memory/, absorbed/)"
                                                                if run.saved else ""))


def main() -> int:
    args = parse_args()
    seed = args.seed if args.seed is not None else int(time.time())
    out = args.out or REPO / "var" / "fuzz" / f"{dt.datetime.now():%Y%m%d-%H%M%S}-seed{seed}"
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="appeal-fuzz-"))
    # Fixed before the product is imported (and before the fork server starts): no read cache, a
    # private APPEAL_HOME, Tesseract on one thread as in production.
    os.environ.update(APPEAL_CACHE="off", APPEAL_HOME=str(scratch / "home"), OMP_THREAD_LIMIT="1")
    # The readers (here and in their forked children) log every bad file, with tracebacks: into a
    # file, so the terminal shows the figures; it stays beside the saved inputs.
    readers_log = open(out / "readers.log", "ab")
    os.dup2(readers_log.fileno(), 2)
    from flows import isolation

    if not isolation.enabled():
        print("APPEAL_ISOLATE is off: the readers would run unbounded in this process", file=sys.stderr)
        return 2
    rng = random.Random(seed)
    seeds = load_seeds(scratch)
    pool = [item for items in seeds.values() for item in items]
    kinds = sorted(k for k in seeds if k != "zip")
    run = Run(out, args, seed)
    run.scratch = scratch
    sampler = run.sampler = MemorySampler()
    sampler.start()
    stop = threading.Event()
    threading.Thread(target=watchdog, args=(run, stop), daemon=True).start()
    print(f"fuzzing for {args.minutes:g} min, seed {seed}, {len(pool)} seeds "
          f"({', '.join(f'{k} {len(v)}' for k, v in sorted(seeds.items()))}); saving into {out}", flush=True)
    started = run.started = time.monotonic()
    deadline = started + args.minutes * 60
    last_note = started
    while time.monotonic() < deadline:
        run.rounds += 1
        zipped = rng.random() < args.zip_share
        kind = "zip" if zipped else rng.choice(kinds)
        name, original = rng.choice(seeds[kind])
        data, names = (mutate_zip if zipped else mutate)(rng, original, pool)
        note = f"{name} <- {'+'.join(names)} (round {run.rounds})"
        work = scratch / f"round-{run.rounds}"
        work.mkdir()
        path = work / (name if not zipped else f"fuzz-{name}")
        path.write_bytes(data)
        sampler.label = note
        try:
            (load_one if zipped else read_one)(run, path, path.name, data, note, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if own > run.own_peak[0]:  # which input made this process (understand runs here) grow
            run.own_peak = (own, f"{note}; {len(data) / 1e6:.1f} MB")
        if time.monotonic() - last_note > 60:
            last_note = time.monotonic()
            crashes = sum(c["crash"] for c in run.outcomes.values())
            print(f"  {(last_note - started) / 60:4.1f} min: {sum(run.tried.values())} inputs, {crashes} crashes, "
                  f"{sum(c['hang'] for c in run.outcomes.values())} hangs", flush=True)
    stop.set()
    sampler.stop()
    report(run)
    shutil.rmtree(scratch, ignore_errors=True)
    return 1 if any(c["crash"] for c in run.outcomes.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
