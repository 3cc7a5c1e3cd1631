"""How well and how fast the product reads degraded pages, beside plain Tesseract.

For every rendition in samples/renditions/manifest.json: character error rate (whitespace removed,
Levenshtein) of the product's reading (`extractors.readers.read.read_file`, cache off) and of plain
`tesseract IMAGE - -l kor+eng`, seconds and pages per second. Then throughput on a 10-page scanned
PDF (the median of three runs of each), warm-cache reprocessing against cold, peak memory on a
50-page scanned PDF, and per group whether the issue's targets hold. Figures only: nothing is
asserted.

Usage: .venv/bin/python bench/reading.py [--quick] [--only NAME] [--renditions DIR]

Every product read runs in a child process (this script with --child), so the cache environment
is fixed before the product is imported and each peak memory figure is that read's alone.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

RENDITIONS = REPO / "samples" / "renditions"
RAW_LANG = "kor+eng"
TARGET_GROUPS = {  # group: (label, allowed ratio of ours to raw)
    "clean_scan": ("clean scans", 1.0),
    "phone_photo": ("phone photos", 0.5),
    "degraded_scan": ("degraded scans", 0.5),
    "rotated": ("rotated pages", 0.5),
}
THROUGHPUT_MIN, WARM_MAX, PEAK_MAX_MB = 1.6, 0.05, 1500


# ---- scoring ---------------------------------------------------------------------------------

def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def cer(truth: str, read: str) -> float:
    from rapidfuzz.distance import Levenshtein

    ref = squash(truth)
    return Levenshtein.distance(ref, squash(read)) / max(len(ref), 1)


# ---- the product, in a child process ------------------------------------------------------------

def child_main(path: Path) -> None:
    """Read one file as the product does (attachments too, as the case pipeline would) and print
    the page texts, the seconds spent reading and this process's peak memory as JSON."""
    from extractors.readers.read import read_file

    with tempfile.TemporaryDirectory(prefix="bench-read-") as work:
        t = time.perf_counter()
        result = read_file(path, Path(work))
        texts = [p.text for p in result.pages]
        pages = len(result.pages)
        for attachment in result.attachments:
            inner = read_file(Path(attachment.data_path), Path(work) / "inner")
            texts += [p.text for p in inner.pages]
            pages += len(inner.pages)
        seconds = time.perf_counter() - t
    print(json.dumps({"texts": texts, "pages": pages, "seconds": seconds,
                      "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def ours(path: Path, home: Path, cache: bool = False, sample_tree: bool = False) -> dict:
    """Run the product on `path` in a child; APPEAL_HOME is `home`, the cache off unless `cache`."""
    env = {**os.environ, "APPEAL_HOME": str(home), "OMP_THREAD_LIMIT": "1"}
    env.pop("APPEAL_CACHE", None)
    if not cache:
        env["APPEAL_CACHE"] = "off"
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(path)], env=env, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid) if sample_tree else None
    out, err = proc.communicate()
    if sampler:
        sampler.stop()
    if proc.returncode:
        raise RuntimeError(f"reading {path.name} failed:\n{err[-2000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    if sampler:
        result["tree_peak_mb"] = sampler.peak_mb
    return result


class TreeSampler:
    """Peak of the summed RSS of a process and all its descendants (the Tesseract workers run at
    the same time, so the largest single process understates what the machine needs)."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid, self.interval, self.peak_mb = pid, interval, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak_mb = max(self.peak_mb, sum(_rss_mb(p) for p in _tree(self.pid)))


def _tree(root: int) -> list[int]:
    parents = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, ppid in parents.items() if ppid in frontier]
        tree += frontier
    return tree


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


# ---- plain Tesseract ---------------------------------------------------------------------------

def raw(path: Path) -> dict | None:
    """`tesseract IMAGE - -l kor+eng`, page by page, one after another; PDFs rasterised at 300 DPI
    first (inside the timing, as the product's time includes its own rasterising). None for e-mail."""
    suffix = path.suffix.lower()
    if suffix == ".eml":
        return None
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    t = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-raw-") as tmp:
        images = rasterise(path, Path(tmp)) if suffix == ".pdf" else [path]
        texts = [subprocess.run(["tesseract", str(img), "-", "-l", RAW_LANG], env=env, capture_output=True,
                                text=True, check=True).stdout for img in images]
    return {"texts": texts, "pages": len(texts), "seconds": time.perf_counter() - t}


def rasterise(pdf_path: Path, out: Path) -> list[Path]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    paths = []
    for i in range(len(pdf)):
        image = pdf[i].render(scale=300 / 72, grayscale=True).to_pil()
        paths.append(out / f"page-{i + 1:03}.png")
        image.save(paths[-1], compress_level=1)
    pdf.close()
    return paths


# ---- the runs ----------------------------------------------------------------------------------

def per_rendition(entries: list[dict], folder: Path) -> list[dict]:
    print(f"{'rendition':36} {'kind':15} {'pages':>5}  {'CER ours':>8} {'CER raw':>8}  "
          f"{'s ours':>7} {'s raw':>7}  {'p/s ours':>8} {'p/s raw':>8}")
    rows = []
    for e in entries:
        truth = (folder / e["ground_truth"]).read_text(encoding="utf-8")
        path = folder / e["file"]
        with tempfile.TemporaryDirectory(prefix="bench-home-") as home:
            o = ours(path, Path(home))
        r = raw(path)
        row = {**e, "cer_ours": cer(truth, "\n".join(o["texts"])), "s_ours": o["seconds"],
               "cer_raw": cer(truth, "\n".join(r["texts"])) if r else None, "s_raw": r["seconds"] if r else None}
        rows.append(row)
        print(f"{e['file']:36} {e['kind']:15} {e['pages']:>5}  {row['cer_ours']:8.3f} {_f(row['cer_raw'], 8, 3)}  "
              f"{row['s_ours']:7.1f} {_f(row['s_raw'], 7, 1)}  {e['pages'] / row['s_ours']:8.2f} "
              f"{_f(e['pages'] / row['s_raw'] if row['s_raw'] else None, 8, 2)}", flush=True)
    return rows


def _f(value: float | None, width: int, digits: int) -> str:
    return f"{value:{width}.{digits}f}" if value is not None else f"{'-':>{width}}"


def throughput(pdf: Path, truth: list[str], repeats: int = 3) -> float:
    """Ours and raw, alternately, `repeats` times each; the medians. One run of raw varied from
    12.8 s to 17.1 s on the same 10 pages here, so a single pair says little about the ratio."""
    ours_s, raw_s = [], []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="bench-home-") as home:
            o = ours(pdf, Path(home))
        r = raw(pdf)
        ours_s.append(o["seconds"])
        raw_s.append(r["seconds"])
    n = len(truth)
    mine, plain = statistics.median(ours_s), statistics.median(raw_s)
    ratio = plain / mine
    print(f"\n(a) throughput, {n}-page scanned PDF at 300 DPI ({os.cpu_count()} cores), median of {repeats} runs each")
    print(f"    ours (parallel)        {mine:6.1f} s  {n / mine:5.2f} pages/s  "
          f"CER {cer(chr(10).join(truth), chr(10).join(o['texts'])):.3f}   runs {_runs(ours_s)}")
    print(f"    raw tesseract (seq.)   {plain:6.1f} s  {n / plain:5.2f} pages/s  "
          f"CER {cer(chr(10).join(truth), chr(10).join(r['texts'])):.3f}   runs {_runs(raw_s)}")
    print(f"    ratio raw/ours         {ratio:6.2f}x")
    return ratio


def _runs(seconds: list[float]) -> str:
    return " ".join(f"{s:.1f}" for s in seconds)


def warm_cache(pdf: Path) -> float:
    has_cache = importlib.util.find_spec("extractors.readers.cache") is not None
    with tempfile.TemporaryDirectory(prefix="bench-home-") as home:
        cold = ours(pdf, Path(home), cache=True)
        warm = ours(pdf, Path(home), cache=True)
    share = warm["seconds"] / cold["seconds"]
    print(f"\n(b) warm-cache reprocess of an unchanged file ({pdf.name}, same APPEAL_HOME)"
          + ("" if has_cache else "  [extractors/readers/cache.py not present yet: no cache to hit]"))
    print(f"    cold {cold['seconds']:6.1f} s   warm {warm['seconds']:6.2f} s   warm/cold {share:6.1%}")
    return share


def peak_memory(pdf: Path, n: int) -> float:
    with tempfile.TemporaryDirectory(prefix="bench-home-") as home:
        o = ours(pdf, Path(home), sample_tree=True)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    peak = max(o["tree_peak_mb"], o["maxrss_mb"])
    print(f"\n(c) peak memory reading a {n}-page scanned PDF ({pdf.stat().st_size / 1e6:.1f} MB, cache off)")
    print(f"    reader process {o['maxrss_mb']:6.0f} MB (ru_maxrss)   largest child so far {children:6.0f} MB   "
          f"process tree, sampled {o['tree_peak_mb']:6.0f} MB   {o['seconds']:.0f} s, "
          f"{n / o['seconds']:.2f} pages/s")
    return peak


def summary(rows: list[dict], ratio: float | None, share: float | None, peak: float | None) -> None:
    print("\n(d) summary")
    for group, (label, allowed) in TARGET_GROUPS.items():
        mine = [r for r in rows if r["group"] == group and r["cer_raw"] is not None]
        if not mine:
            continue
        a, b = statistics.mean(r["cer_ours"] for r in mine), statistics.mean(r["cer_raw"] for r in mine)
        rule = "ours <= raw" if allowed == 1 else "ours <= raw / 2"
        print(f"    {label:15} n={len(mine)}  mean CER ours {a:.3f}  raw {b:.3f}   target {rule:16} "
              f"{'MET' if a <= allowed * b else 'NOT MET'}")
    others = [r for r in rows if r["group"] not in TARGET_GROUPS]
    if others:
        print(f"    {'others':15} n={len(others)}  mean CER ours {statistics.mean(r['cer_ours'] for r in others):.3f}"
              "   (screenshot, PDFs, e-mail: no target)")
    if ratio is not None:
        print(f"    throughput      {ratio:.2f}x sequential raw   target >= {THROUGHPUT_MIN}x  "
              f"{'MET' if ratio >= THROUGHPUT_MIN else 'NOT MET'}")
    if share is not None:
        print(f"    warm cache      {share:.1%} of cold            target < {WARM_MAX:.0%}     "
              f"{'MET' if share < WARM_MAX else 'NOT MET'}")
    if peak is not None:
        print(f"    peak memory     {peak:.0f} MB                  target < {PEAK_MAX_MB} MB "
              f"{'MET' if peak < PEAK_MAX_MB else 'NOT MET'}")


QUICK = {"clean-cert-table.png", "skew-cert-table.jpg", "photo-cert-table.jpg", "rot90-cert-serif.jpg",
         "scan-3p.pdf"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="five renditions, 4-page throughput, 10-page memory")
    parser.add_argument("--only", metavar="NAME", help="one rendition (file name, with or without suffix); "
                                                        "skips the multi-page runs")
    parser.add_argument("--renditions", type=Path, default=RENDITIONS)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child_main(args.child)

    from samples.gen.renditions import scanned_pdf

    entries = json.loads((args.renditions / "manifest.json").read_text(encoding="utf-8"))["renditions"]
    if args.only:
        entries = [e for e in entries if args.only in (e["file"], Path(e["file"]).stem)]
        if not entries:
            sys.exit(f"no rendition named {args.only}")
    elif args.quick:
        entries = [e for e in entries if e["file"] in QUICK]
    from extractors.readers import tesseract

    print(f"reading benchmark: {len(entries)} renditions; raw = the tesseract command {_tesseract_version()}, "
          f"tesseract FILE - -l {RAW_LANG}; ours = extractors.readers.read.read_file (Tesseract {tesseract.version()} "
          f"in-process through tesserocr, the same language data), APPEAL_CACHE=off\n")
    started = time.perf_counter()
    rows = per_rendition(entries, args.renditions)
    ratio = share = peak = None
    if not args.only:
        with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
            n_tp, n_mem = (4, 10) if args.quick else (10, 50)
            tp_pdf = Path(tmp) / f"scan-{n_tp}p.pdf"
            truth = scanned_pdf(tp_pdf, n_tp)
            ratio = throughput(tp_pdf, truth, repeats=1 if args.quick else 3)
            share = warm_cache(tp_pdf)
            mem_pdf = Path(tmp) / f"scan-{n_mem}p.pdf"
            scanned_pdf(mem_pdf, n_mem)
            peak = peak_memory(mem_pdf, n_mem)
    summary(rows, ratio, share, peak)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")


def _tesseract_version() -> str:
    out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout
    return out.split()[1] if out else "?"


if __name__ == "__main__":
    main()
