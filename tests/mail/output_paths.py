#!/usr/bin/python3
"""Proves that data never decides where inspectrack writes: the maildir file names,
the mbox, the backup and the database are the paths given on the command line, and
nothing in a unit's name, an inspection's title, a task's action or a key can send a
file elsewhere. Also pins down what is done with symbolic links.

usage: output_paths.py INSPECTRACK_BINARY SOURCE_DIR

1. Every unit name, head and inspection title is edited (sqlite3, bypassing import)
   to hold '../', '/' and absolute paths, and every task action too. `remind
   --maildir DIR` then writes its messages only as DIR/new/NAME with NAME the maildir
   unique name SECONDS.M<micro>P<pid>Q<n>.HOST (no '/', nothing from the data),
   leaves DIR/tmp and DIR/cur empty, and creates no other file anywhere under the
   test's directory. `remind --mbox FILE` writes FILE only.
2. Symbolic links and other files that are not files. A maildir DIR and an existing
   database are the user's paths: a link to one is followed, as by mail software (a DIR
   that is a link to a maildir works). What is never followed, and never written into, is
   a link, a FIFO, a device or a folder where inspectrack creates or appends to a file:
   exit 73, with a message naming the path, and nothing created where a link points.
   - DIR/tmp, DIR/new or DIR/cur a link (dangling, to a folder, to a file): refused,
     nothing written where it points, nothing left in DIR/tmp.
   - `--mbox FILE` a link (dangling, or to an existing mbox), a FIFO, a device, a
     folder: refused; only a regular file may be appended to.
   - `backup FILE` with FILE a link (dangling, or to an existing file): refused
     (exit 73, O_EXCL), the link's target is not created or changed.
   - a new database at a path that is a dangling link: refused (exit 73), its target not
     created (SQLite would create it 0644, past the mode a new database gets); a -wal,
     -shm or -journal beside a database or a backup that is a link or not a regular file:
     refused before SQLite could write through it.
"""

import os
import re
import sqlite3

import mail_common as mc

HOSTILE = "../../../escaped/evil"
MAILDIR_NAME = re.compile(r"^\d+\.M\d+P\d+Q\d+\.[^/]+$")


def all_files(root):
    """Every file and link under root, as paths relative to it."""
    out = set()
    for top, dirs, files in os.walk(root):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(top, d))]:
            out.add(os.path.relpath(os.path.join(top, name), root))
    return out


def poison(db):
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE units SET name = ? || name || '/x/' || ?, head = ?",
                    (HOSTILE + "/", "/etc/passwd", "/tmp/" + HOSTILE))
        con.execute("UPDATE inspections SET title = ? || title", ("/" + HOSTILE + "/",))
        n = con.execute("UPDATE tasks SET action = action || ?", ("/../" + HOSTILE,)).rowcount
    con.close()
    mc.expect(n > 0, "no task edited")


def remind(binary, db, *delivery):
    return mc.run(binary, ["--db", db, "--as-of", mc.AS_OF, "remind", "--from", mc.SENDER,
                           "--force", *delivery])


def data_decides_no_path(binary, source, tmp):
    work = os.path.join(tmp, "paths")
    os.makedirs(work)
    db = mc.make_db(binary, source, work, "paths.db")
    poison(db)
    before = all_files(tmp)
    maildir = os.path.join(work, "maildir")
    done = remind(binary, db, "--maildir", maildir)
    mc.expect(done.returncode == 0, f"remind --maildir exited {done.returncode}\n{done.stderr}")
    new = sorted(os.listdir(os.path.join(maildir, "new")))
    mc.expect(len(new) > 0, "no message in DIR/new")
    for name in new:
        mc.expect(MAILDIR_NAME.match(name) is not None, f"maildir file name {name!r}")
        with open(os.path.join(maildir, "new", name), "rb") as f:
            mc.expect(b"escaped/evil" in f.read(), f"{name}: the poisoned names are not in it")
    mc.expect(os.listdir(os.path.join(maildir, "tmp")) == [], "DIR/tmp is not empty")
    mc.expect(os.listdir(os.path.join(maildir, "cur")) == [], "DIR/cur is not empty")
    mbox = os.path.join(work, "out.mbox")
    done = remind(binary, db, "--mbox", mbox)
    mc.expect(done.returncode == 0, f"remind --mbox exited {done.returncode}\n{done.stderr}")
    created = all_files(tmp) - before
    allowed = {os.path.relpath(os.path.join(maildir, "new", n), tmp) for n in new}
    allowed.add(os.path.relpath(mbox, tmp))
    # The database's own files (-wal, -shm) may come and go beside it.
    created = {p for p in created if not os.path.basename(p).startswith("paths.db")}
    mc.expect(created == allowed, f"files created outside DIR/new and the mbox: "
              f"{sorted(created - allowed)}")
    mc.expect(not os.path.exists(os.path.join(tmp, "escaped")) and
              not os.path.exists(os.path.join(os.path.dirname(tmp), "escaped")),
              "a directory named by the data was created")


def symlinks(binary, source, tmp):
    work = os.path.join(tmp, "links")
    os.makedirs(work)
    db = mc.make_db(binary, source, work, "links.db")

    # A maildir reached through a link to it works.
    real = os.path.join(work, "real-maildir")
    os.makedirs(real)
    os.symlink(real, os.path.join(work, "linked-maildir"))
    done = remind(binary, db, "--maildir", os.path.join(work, "linked-maildir"))
    mc.expect(done.returncode == 0, f"maildir through a link: exit {done.returncode}\n{done.stderr}")
    mc.expect(len(os.listdir(os.path.join(real, "new"))) > 0, "maildir through a link: nothing in new/")

    # DIR/new a dangling link.
    dangling = os.path.join(work, "dangling-maildir")
    for sub in ("tmp", "cur"):
        os.makedirs(os.path.join(dangling, sub))
    target = os.path.join(work, "link-target")
    os.symlink(target, os.path.join(dangling, "new"))
    done = remind(binary, db, "--maildir", dangling)
    mc.expect(done.returncode == 73, f"DIR/new dangling: exit {done.returncode}, expected 73\n"
              f"{done.stderr}")
    mc.expect(not os.path.lexists(target), "DIR/new dangling: its target was created")
    mc.expect(os.listdir(os.path.join(dangling, "tmp")) == [], "DIR/new dangling: a file left in tmp/")

    # DIR/new a link to a regular file.
    victim = os.path.join(work, "victim.txt")
    with open(victim, "w") as f:
        f.write("keep me\n")
    to_file = os.path.join(work, "file-maildir")
    for sub in ("tmp", "cur"):
        os.makedirs(os.path.join(to_file, sub))
    os.symlink(victim, os.path.join(to_file, "new"))
    done = remind(binary, db, "--maildir", to_file)
    mc.expect(done.returncode == 73, f"DIR/new to a file: exit {done.returncode}, expected 73\n"
              f"{done.stderr}")
    with open(victim) as f:
        mc.expect(f.read() == "keep me\n", "DIR/new to a file: the file changed")

    # backup FILE where FILE is a link.
    for name, points_to_existing in (("backup-dangling.db", False), ("backup-to-file.db", True)):
        link = os.path.join(work, name)
        link_target = victim if points_to_existing else os.path.join(work, name + ".target")
        os.symlink(link_target, link)
        done = mc.run(binary, ["--db", db, "backup", link])
        mc.expect(done.returncode == 73, f"backup to {name}: exit {done.returncode}, expected 73\n"
                  f"{done.stderr}")
        if points_to_existing:
            with open(victim) as f:
                mc.expect(f.read() == "keep me\n", f"backup to {name}: the target changed")
        else:
            mc.expect(not os.path.lexists(link_target), f"backup to {name}: the target was created")

    # A new database at a dangling link.
    link = os.path.join(work, "new-db-link.db")
    link_target = os.path.join(work, "new-db-target.db")
    os.symlink(link_target, link)
    done = mc.run(binary, ["--db", link, "--as-of", mc.AS_OF, "import",
                           os.path.join(source, "examples", "units-chu-prong.yaml")])
    mc.expect(done.returncode == 73, f"new database at a dangling link: exit {done.returncode}, "
              f"expected 73\n{done.stderr}")
    mc.expect(not os.path.lexists(link_target), "new database at a dangling link: target created")

    def refused(args, what, path):
        done = mc.run(binary, args)
        mc.expect(done.returncode == 73, f"{what}: exit {done.returncode}, expected 73\n{done.stderr}")
        mc.expect(path in done.stderr, f"{what}: the message does not name {path}\n{done.stderr}")
        return done

    # DIR/tmp, DIR/new, DIR/cur a link to another folder: nothing is written there.
    for sub in ("tmp", "new", "cur"):
        maildir = os.path.join(work, f"maildir-{sub}-link")
        elsewhere = os.path.join(work, f"elsewhere-{sub}")
        os.makedirs(elsewhere)
        os.makedirs(maildir)
        for other in ("tmp", "new", "cur"):
            if other != sub:
                os.makedirs(os.path.join(maildir, other))
        os.symlink(elsewhere, os.path.join(maildir, sub))
        refused(["--db", db, "--as-of", mc.AS_OF, "remind", "--from", mc.SENDER, "--force",
                 "--maildir", maildir], f"DIR/{sub} a link to a folder", os.path.join(maildir, sub))
        mc.expect(os.listdir(elsewhere) == [], f"DIR/{sub} a link: a file was written where it points")

    # --mbox: a dangling link, a link to an mbox, a FIFO, a device, a folder.
    mbox_link = os.path.join(work, "dangling.mbox")
    mbox_target = os.path.join(work, "dangling.mbox.target")
    os.symlink(mbox_target, mbox_link)
    existing = os.path.join(work, "existing.mbox")
    with open(existing, "w") as f:
        f.write("From a@b Thu Jan  1 00:00:00 1970\n\nkept\n")
    to_existing = os.path.join(work, "to-existing.mbox")
    os.symlink(existing, to_existing)
    fifo = os.path.join(work, "fifo.mbox")
    os.mkfifo(fifo)
    for path, what in ((mbox_link, "a dangling link"), (to_existing, "a link to an mbox"),
                       (fifo, "a FIFO"), ("/dev/null", "a device"), (work, "a folder")):
        refused(["--db", db, "--as-of", mc.AS_OF, "remind", "--from", mc.SENDER, "--force",
                 "--mbox", path], f"--mbox {what}", path)
    mc.expect(not os.path.lexists(mbox_target), "--mbox a dangling link: its target was created")
    with open(existing) as f:
        mc.expect(f.read().endswith("kept\n"), "--mbox a link to an mbox: the mbox changed")

    # -wal, -shm, -journal beside a new or an existing database, or a backup: a link is
    # refused before SQLite writes through it.
    for suffix in ("-wal", "-shm", "-journal"):
        new_db = os.path.join(work, f"fresh{suffix}.db")
        target = os.path.join(work, f"fresh{suffix}.target")
        os.symlink(target, new_db + suffix)
        refused(["--db", new_db, "--as-of", mc.AS_OF, "import",
                 os.path.join(source, "examples", "units-chu-prong.yaml")],
                f"{suffix} beside a new database a dangling link", new_db + suffix)
        mc.expect(not os.path.lexists(target), f"{suffix} beside a new database: its target was created")
        mc.expect(not os.path.lexists(new_db), f"{suffix} beside a new database: the database was created")

        copy = os.path.join(work, f"copy{suffix}.db")
        os.symlink(target, copy + suffix)
        refused(["--db", db, "backup", copy], f"{suffix} beside a backup a dangling link", copy + suffix)
        mc.expect(not os.path.lexists(target), f"{suffix} beside a backup: its target was created")
        mc.expect(not os.path.lexists(copy), f"{suffix} beside a backup: the backup was created")

    # A device, a FIFO or a folder given as the database: no database, and no journal made
    # beside it (SQLite reads /dev/null as an empty database and writes /dev/null-journal).
    db_fifo = os.path.join(work, "fifo.db")
    os.mkfifo(db_fifo)
    for path, what in (("/dev/null", "a device"), (db_fifo, "a FIFO"), (work, "a folder")):
        journal_before = os.path.lexists(path + "-journal")
        refused(["--db", path, "--as-of", mc.AS_OF, "import",
                 os.path.join(source, "examples", "units-chu-prong.yaml")], f"--db {what}", path)
        mc.expect(journal_before or not os.path.lexists(path + "-journal"),
                  f"--db {what}: a -journal was made beside it")
        done = mc.run(binary, ["--db", path, "--as-of", mc.AS_OF, "overdue"])
        mc.expect(done.returncode == 66, f"overdue --db {what}: exit {done.returncode}, expected 66\n{done.stderr}")

    os.symlink(os.path.join(work, "wal.target"), db + "-wal")
    refused(["--db", db, "--as-of", mc.AS_OF, "overdue"], "-wal beside an existing database a link",
            db + "-wal")
    mc.expect(not os.path.lexists(os.path.join(work, "wal.target")), "-wal of a report: target created")
    os.unlink(db + "-wal")


def main():
    binary, source = mc.args()
    with mc.temp_dir() as tmp:
        data_decides_no_path(binary, source, tmp)
        symlinks(binary, source, tmp)
    mc.finish()


if __name__ == "__main__":
    main()
