"""The drop folder: which entries are taken, when an upload counts as finished, where originals go."""

from __future__ import annotations

import os
import time
import zipfile

from flows.dropbox import entries, move_to_processed, settled, zip_opens


def write_zip(path, complete: bool = True) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("case/kc.txt", "KC " * 1000)
    if not complete:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])


def test_entries_are_folders_and_zips_not_processed_or_dotfiles(tmp_path):
    for name in ("case-a", "processed", ".case-b.part"):
        (tmp_path / name).mkdir()
    write_zip(tmp_path / "case-c.ZIP")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".DS_Store").write_bytes(b"")
    assert [p.name for p in entries(tmp_path)] == ["case-a", "case-c.ZIP"]


def test_a_half_written_zip_waits_and_a_finished_one_is_taken(tmp_path):
    write_zip(tmp_path / "half.zip", complete=False)
    write_zip(tmp_path / "whole.zip")
    assert not zip_opens(tmp_path / "half.zip") and zip_opens(tmp_path / "whole.zip")
    assert [p.name for p in settled(tmp_path, 0.05, give_up_seconds=600)] == ["whole.zip"]


def test_a_zip_that_never_opens_is_taken_in_the_end_to_fail_visibly(tmp_path):
    write_zip(tmp_path / "broken.zip", complete=False)
    old = time.time() - 3600
    os.utime(tmp_path / "broken.zip", (old, old))
    assert [p.name for p in settled(tmp_path, 0.05, give_up_seconds=600)] == ["broken.zip"]


def test_a_folder_still_growing_or_still_empty_waits(tmp_path):
    (tmp_path / "empty").mkdir()
    growing = tmp_path / "growing"
    growing.mkdir()
    (growing / "a.txt").write_text("a")
    done = tmp_path / "done"
    done.mkdir()
    (done / "a.txt").write_text("a")

    import threading

    def keep_writing():
        for i in range(6):
            (growing / f"{i}.txt").write_text("x" * i)
            time.sleep(0.05)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    ready = settled(tmp_path, 0.2, give_up_seconds=600)
    writer.join()
    assert [p.name for p in ready] == ["done"]


def test_originals_move_to_processed_with_a_suffix_on_a_name_clash(tmp_path):
    processed = tmp_path / "processed"
    for _ in range(3):
        (tmp_path / "case-a").mkdir()
        (tmp_path / "case-a" / "f.txt").write_text("x")
        moved = move_to_processed(tmp_path / "case-a", processed)
    write_zip(tmp_path / "z.zip")
    move_to_processed(tmp_path / "z.zip", processed)
    write_zip(tmp_path / "z.zip")
    assert move_to_processed(tmp_path / "z.zip", processed).name == "z.2.zip"
    assert moved.name == "case-a.3"
    assert sorted(p.name for p in processed.iterdir()) == ["case-a", "case-a.2", "case-a.3", "z.2.zip", "z.zip"]
