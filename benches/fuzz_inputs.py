#!/usr/bin/env python3
"""Seeded mutation fuzzing of every command that reads a user's file, through the real binary.

tests/it/fuzz.rs fuzzes the readers and the library in-process; this script checks what a user
sees: it mutates the bundled files (graphs/, exercises/, tests/data/, and the shared AIF, Argdown
and framework samples in ../shared/ when they are there), runs an `argmap` command that reads the
mutant under a time limit, and flags

  PANIC    exit code 101 (a Rust panic)
  SIGNAL   killed by a signal (stack overflow, abort)
  TIMEOUT  still running after --timeout seconds (a hang without a limit)
  NOPOS    an error on standard error that names neither the file nor a position
  SILENT   a failing exit code with nothing on standard error
  BADEXIT  an exit code outside the documented 0-3
  FMTLOSS  `fmt FILE` changed a file it failed on, wrote a result that is not formatted, or
           changed what `check` says about it

Usage (deterministic for a given seed and binary):
  nice -n 10 benches/fuzz_inputs.py [--cases 3000] [--seed 1] [--timeout 20]
      [--binary target/release/argmap] [--only REGEX] [--keep DIR]
Each finding is printed with the command and the mutation; with --keep the mutant is saved
(DIR/<n>-<kind>.<ext>) to be replayed by hand. Exit status 1 when anything was flagged.
"""

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# Files bigger than this are not used as seeds (mutating a 5 MB framework says nothing new and
# makes every run slow).
MAX_SEED_BYTES = 200_000


def fmt_of(path):
    """The input format of a seed file, by name (and, for `.json`, AIF or argmap JSON)."""
    name = path.name
    if name.endswith(".ron"):
        return "ron"
    for ext in ("bag", "af", "apx", "tgf"):
        if name.endswith("." + ext):
            return ext
    if name.endswith((".argdown", ".ad")):
        return "argdown"
    if name.endswith(".json"):
        return "json"
    if name.endswith(".txt") and "interop" in str(path):
        return "kialo"
    return None


def seeds():
    dirs = [ROOT / "graphs", ROOT / "exercises", ROOT / "tests" / "data",
            SHARED / "interop-samples", SHARED / "argumentation-frameworks"]
    out = []
    for d in dirs:
        if not d.is_dir():
            continue
        for p in sorted(d.rglob("*")):
            if p.is_file() and fmt_of(p) and p.stat().st_size <= MAX_SEED_BYTES:
                out.append(p)
    return out


# --- mutations ------------------------------------------------------------------------------

NUMBERS = [b"1e309", b"-1e309", b"NaN", b"nan", b"inf", b"-inf", b"1e-400", b"-0.0",
           b"99999999999999999999999999999", b"18446744073709551616", b"4294967297",
           b"-1", b"0", b"1.0000000000000002", b"0x10", b"1_000", b"5e-324", b"2.5"]
UNICODE = ["\u202e", "\u200b", "\ufeff", "é", "😀", "\u0000", "\r", "\x1b[31m", "\u2028",
           "𝔸", "\ud7ff", "ﬁ", "\t", "\\", "\"", "'", "\u0301"]
TOKENS = {
    "ron": [b"(", b")", b"[", b"]", b",", b":", b"\"", b"Node(", b"Edge(", b"Group(",
            b"Support", b"Attack", b"Undercut", b"Evidence", b"Claim", b"//", b"/*", b"*/",
            b"Some(", b"None", b"r#\"", b"conclusion:", b"groups:", b"members:"],
    "bag": [b"arg(", b"att(", b"sup(", b").", b",", b"%", b"."],
    "af": [b"p af ", b"#", b" ", b"\n", b"p af 0\n", b"1 1\n"],
    "apx": [b"arg(", b"att(", b").", b",", b"%"],
    "tgf": [b"#\n", b" ", b"\n"],
    "json": [b"{", b"}", b"[", b"]", b",", b":", b"\"", b"null", b"\"nodeID\"", b"\"edges\"",
             b"\"nodes\"", b"\"type\":\"RA\"", b"\"type\":\"CA\"", b"\"type\":\"I\""],
    "argdown": [b"[", b"]", b"<", b">", b"+ ", b"- ", b"_ ", b"<+ ", b"<- ", b"#", b"(1)",
                b"----", b"\n  ", b"//", b"===", b"{", b"}", b":"],
    "kialo": [b"1.", b"1.1.", b" Pro: ", b" Con: ", b"-> See ", b"\n"],
}


def m_flip(data, rng):
    if not data:
        return data, "flip(empty)"
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
    return bytes(b), "bit flips"


def m_byte(data, rng):
    if not data:
        return data, "byte(empty)"
    b = bytearray(data)
    i = rng.randrange(len(b))
    b[i] = rng.choice([0, 0xff, 0xc3, 0x80, ord("("), ord(")"), ord("\""), ord("\n"),
                       ord(","), ord("9"), ord("-")])
    return bytes(b), f"byte at {i}"


def m_truncate(data, rng):
    n = rng.randrange(len(data) + 1)
    return data[:n], f"truncated to {n} bytes"


def lines(data):
    return data.split(b"\n")


def m_dup_line(data, rng):
    ls = lines(data)
    i = rng.randrange(len(ls))
    ls.insert(i, ls[i])
    return b"\n".join(ls), f"line {i + 1} duplicated"


def m_del_line(data, rng):
    ls = lines(data)
    i = rng.randrange(len(ls))
    del ls[i]
    return b"\n".join(ls), f"line {i + 1} deleted"


def m_swap_lines(data, rng):
    ls = lines(data)
    i, j = rng.randrange(len(ls)), rng.randrange(len(ls))
    ls[i], ls[j] = ls[j], ls[i]
    return b"\n".join(ls), f"lines {i + 1} and {j + 1} swapped"


NUM_RE = re.compile(rb"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def m_number(data, rng):
    ms = list(NUM_RE.finditer(data))
    if not ms:
        return data + rng.choice(NUMBERS), "number appended"
    m = rng.choice(ms)
    new = rng.choice(NUMBERS)
    return data[:m.start()] + new + data[m.end():], f"number {m.group().decode()} -> {new.decode()}"


def m_unicode(data, rng):
    i = rng.randrange(len(data) + 1)
    u = rng.choice(UNICODE).encode("utf-8", "surrogatepass")
    return data[:i] + u + data[i:], f"unicode {u!r} at {i}"


def m_nesting(data, rng, fmt):
    depth = rng.choice([100, 1000, 20000, 200000])
    open_, close = {"json": (b"[", b"]"), "argdown": (b"[", b"]")}.get(fmt, (b"(", b")"))
    if rng.random() < 0.5:
        close = b""
    i = rng.randrange(len(data) + 1)
    return data[:i] + open_ * depth + close * depth + data[i:], f"nesting {depth} at {i}"


STR_RE = re.compile(rb'"([^"\\\n]{1,40})"')


def m_long_label(data, rng):
    ms = list(STR_RE.finditer(data))
    n = rng.choice([10_000, 300_000, 3_000_000])
    word = rng.choice([b"x", b"word ", "é".encode(), b"\\n", b"a-"])
    if not ms:
        return data + word * (n // len(word)), f"long tail {n}"
    m = rng.choice(ms)
    return (data[:m.start(1)] + word * (n // len(word)) + data[m.end(1):],
            f"string {m.group(1)[:20]!r} -> {n} bytes")


ID_RE = re.compile(rb'id: *"([^"]+)"')


def m_collide(data, rng):
    """Give a reference or a node the id of another node or group: duplicate ids, self loops,
    edges naming groups, cycles."""
    ids = [m.group(1) for m in ID_RE.finditer(data)]
    refs = list(re.finditer(rb'(from|to|conclusion|target|group|members): *"([^"]+)"', data))
    if not ids or not refs:
        return m_dup_line(data, rng)
    m = rng.choice(refs)
    new = rng.choice(ids)
    return (data[:m.start(2)] + new + data[m.end(2):],
            f"{m.group(1).decode()} {m.group(2)[:20]!r} -> {new[:20]!r}")


def m_af_graph(data, rng, fmt):
    """Self loops, cycles, out-of-range and huge argument numbers in the framework formats."""
    n = 1
    m = re.search(rb"p af (\d+)", data)
    if m:
        n = max(1, int(m.group(1)))
    kind = rng.choice(["self", "cycle", "range", "huge", "header"])
    if fmt == "af":
        if kind == "self":
            a = rng.randint(1, n)
            add = b"%d %d\n" % (a, a)
        elif kind == "cycle":
            k = rng.randint(2, min(n, 50)) if n >= 2 else 1
            add = b"".join(b"%d %d\n" % (i, i % k + 1) for i in range(1, k + 1))
        elif kind == "range":
            add = b"%d 1\n" % (n + rng.randint(1, 3))
        elif kind == "huge":
            add = b"1 99999999999999999999\n"
        else:
            return re.sub(rb"p af \d+", b"p af " + rng.choice(NUMBERS), data, count=1), "af header"
        return data + b"\n" + add, f"af {kind}"
    if fmt == "apx":
        add = {"self": b"att(a1,a1).\n", "cycle": b"att(a1,a2).\natt(a2,a1).\n",
               "range": b"att(nope,a1).\n", "huge": b"arg(" + b"9" * 100 + b").\n",
               "header": b"arg(a1).\n"}[kind]
        return data + b"\n" + add, f"apx {kind}"
    if fmt == "tgf":
        ls = lines(data)
        add = {"self": b"1 1", "cycle": b"1 2\n2 1", "range": b"1 999999",
               "huge": b"1 " + b"9" * 40, "header": b"#"}[kind]
        if b"#" in ls:
            i = ls.index(b"#") + (0 if kind in ("header",) else 1)
        else:
            i = len(ls)
        ls.insert(i, add)
        return b"\n".join(ls), f"tgf {kind}"
    if fmt == "bag":
        add = {"self": b"att(a,a).\n", "cycle": b"att(a,b).\natt(b,a).\n",
               "range": b"sup(zz,a).\n", "huge": b"arg(a, 1e309).\n",
               "header": b"arg(a, 0.5).\narg(a, 0.6).\n"}[kind]
        return data + b"\n" + add, f"bag {kind}"
    return m_collide(data, rng)


def m_splice(data, rng, other):
    i = rng.randrange(len(data) + 1)
    j = rng.randrange(len(other) + 1)
    return data[:i] + other[j:], f"spliced at {i} with another seed at {j}"


def m_token(data, rng, fmt):
    toks = TOKENS.get(fmt, TOKENS["ron"])
    b = data
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(b) + 1)
        b = b[:i] + rng.choice(toks) + b[i:]
    return b, "tokens inserted"


def m_empty(data, rng):
    return rng.choice([b"", b"\n", b"\xef\xbb\xbf", b" ", b"\x00" * 10, b"\r\n\r\n"]), "empty-ish"


def m_crlf(data, rng):
    return data.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\r\r\n"])), "line ends changed"


def mutate(data, fmt, rng, others):
    ops = [
        (m_flip, 3), (m_byte, 3), (m_truncate, 3), (m_dup_line, 3), (m_del_line, 3),
        (m_swap_lines, 2), (m_number, 4), (m_unicode, 2), (m_long_label, 1), (m_collide, 4),
        (m_empty, 1), (m_crlf, 1),
        (lambda d, r: m_nesting(d, r, fmt), 1),
        (lambda d, r: m_af_graph(d, r, fmt), 3),
        (lambda d, r: m_splice(d, r, r.choice(others)), 1),
        (lambda d, r: m_token(d, r, fmt), 3),
    ]
    fns = [f for f, w in ops for _ in range(w)]
    what = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        data, w = rng.choice(fns)(data, rng)
        what.append(w)
    return data, "; ".join(what)


# --- commands -------------------------------------------------------------------------------

SEMS = ["quadratic-energy", "df-quad", "euler-based", "mlp-based", "weighted-h-categorizer"]
DUNG = ["grounded", "complete", "preferred", "stable", "semi-stable", "stage", "ideal"]
ICCMA = ["SE", "EE", "CE", "DC", "DS"]
ICCMA_SEM = ["GR", "CO", "PR", "ST", "SST", "STG", "ID"]


def first_id(data):
    m = ID_RE.search(data)
    if m:
        return m.group(1).decode("utf-8", "replace")
    m = re.search(rb"arg\(\s*([^,)\s]+)", data)
    if m:
        return m.group(1).decode("utf-8", "replace")
    return "1"


def commands(fmt, f, data, out, rng):
    """The commands that read a file of this format, as argument lists (without the binary)."""
    # An argument list has a size limit, and no NUL byte.
    nid = first_id(data)[:20_000].replace("\0", "")
    gradual = [
        ["check", f], ["check", "--format", "json", f], ["eval", f],
        ["eval", f, "--semantics", "all", "--time-budget", "5"],
        ["eval", f, "--semantics", rng.choice(SEMS), "--solver", "continuous",
         "--time-budget", "5"],
        ["whatif", f, "--remove", nid, "--time-budget", "5"],
        ["whatif", f, "--set-base", f"{nid}=0.3", "--time-budget", "5"],
        ["contrib", f, "--method", "all", "--time-budget", "5"],
        ["flip", f, "--time-budget", "3"],
        ["sensitivity", f, "--time-budget", "5"],
        ["explain", f, "--time-budget", "5"], ["explain", f, "--node", nid],
    ]
    dung = [["extensions", f, "--semantics", rng.choice(DUNG), "--time-budget", "5"],
            ["extensions", f, "--semantics", rng.choice(DUNG), "--count", "--time-budget", "5"]]
    if fmt == "ron":
        return gradual + dung + [
            ["test", f], ["questions", f], ["dot", f], ["dot", f, "--focus", nid, "--scores"],
            ["render", f, "-o", out + ".svg"],
            ["render", f, "-o", out + ".svg", "--labels", "title", "--remove", nid],
            ["render", f, "-o", out + ".svg", "--engine", "embedded", "--page",
             rng.choice(["16:9", "a4", "a3", "4:3"]), "--hide-evidence", "--scores"],
            ["render", f, "-o", out + ".svg", "--engine", "embedded", "--split", "groups"],
            ["render", f, "-o", out + ".svg", "--engine", "embedded", "--rankdir",
             rng.choice(["LR", "TB", "RL"]), "--focus", nid, "--depth", "1"],
            ["fmt", f],  # in place: checked by fmt_keeps_the_file below
            ["fmt", "--check", f],
            ["convert", f, "-o", "-", "--to", rng.choice(["json", "aif", "argdown", "graphml",
                                                         "af", "apx", "tgf"])],
            ["grade", f, str(ROOT / "exercises/02-reasons-and-evidence/model.ron")],
            ["grade", str(ROOT / "exercises/02-reasons-and-evidence/model.ron"), f],
        ]
    if fmt == "bag":
        return gradual + [["convert", f, "-o", "-", "--to", "ron"], ["check", f]]
    if fmt in ("af", "apx", "tgf"):
        t, s = rng.choice(ICCMA), rng.choice(ICCMA_SEM)
        iccma = ["iccma", "-p", f"{t}-{s}", "-f", f, "--time-budget", "5"]
        if t in ("DC", "DS"):
            iccma += ["-a", rng.choice(["1", "2", nid, "0", "99999999999"])]
        return dung + [["check", f], iccma,
                       ["extensions", f, "--semantics", rng.choice(DUNG), "--accepted",
                        nid, "--mode", rng.choice(["credulous", "skeptical"]),
                        "--time-budget", "5"],
                       ["convert", str(ROOT / "graphs/nixon_diamond.ron"), "-o", out + "." + fmt]]
    if fmt == "json":
        return [["check", f], ["convert", f, "-o", "-", "--to", "ron"],
                ["convert", f, "-o", out + ".ron", "--json"], ["eval", f]]
    if fmt == "kialo":
        return [["convert", f, "-o", "-", "--from", "kialo", "--to", "ron"]]
    if fmt == "argdown":
        return [["convert", f, "-o", "-", "--to", "ron"], ["check", f],
                ["convert", f, "-o", "-", "--from", "argdown", "--to", "json"]]
    return [["check", f]]


# Numeric flags per command, and extreme values for them (flags are input too). A huge value of
# a work bound is only tried with a --time-budget beside it, which the commands keep.
NUMERIC_FLAGS = {
    "eval": ["--max-iterations", "--epsilon", "--delta"],
    "whatif": ["--max-iterations", "--epsilon", "--top"],
    "explain": ["--max-iterations", "--epsilon"],
    "contrib": ["--samples", "--seed", "--top", "--max-iterations"],
    "flip": ["--max-size", "--threshold"],
    "sensitivity": ["--samples", "--delta", "--threshold", "--top", "--seed"],
    "dot": ["--wrap", "--depth"],
    "render": ["--wrap", "--depth", "--aspect"],
    "extensions": ["--max-extensions"],
}
FLAG_VALUES = ["0", "1", "2", "-1", "-0", "1e-300", "1e300", "nan", "inf", "-inf", "0.5",
               "18446744073709551615", "18446744073709551616", "4294967296", "", " 3", "1e9"]
WITH_BUDGET = {"eval", "whatif", "explain", "contrib", "flip", "sensitivity", "extensions"}


def mutate_flags(cmd, rng):
    """Appends one numeric flag of the command with an extreme value (a later flag wins in
    clap, so it replaces one given before)."""
    flags = NUMERIC_FLAGS.get(cmd[0])
    if not flags:
        return cmd
    cmd = cmd + [rng.choice(flags), rng.choice(FLAG_VALUES)]
    if cmd[0] in WITH_BUDGET and "--time-budget" not in cmd:
        cmd += ["--time-budget", "5"]
    return cmd


LSP_REQUESTS = ["textDocument/hover", "textDocument/definition", "textDocument/references",
                "textDocument/rename", "textDocument/documentSymbol", "textDocument/formatting",
                "textDocument/foldingRange", "textDocument/codeAction", "textDocument/inlayHint",
                "textDocument/completion"]


def lsp_session(data, rng):
    """Standard input for `argmap lsp`: open the mutant, change it, ask every kind of request at
    random positions (some past the end of a line or of the file), shut down."""
    import json
    text = data.decode("utf-8", "replace")
    uri = "file:///tmp/fuzz/case.ron"
    nlines = text.count("\n") + 1
    msgs = [{"jsonrpc": "2.0", "id": 0, "method": "initialize",
             "params": {"capabilities": {}, "processId": None, "rootUri": None}},
            {"jsonrpc": "2.0", "method": "initialized", "params": {}},
            {"jsonrpc": "2.0", "method": "textDocument/didOpen",
             "params": {"textDocument": {"uri": uri, "languageId": "ron", "version": 1,
                                         "text": text}}}]

    def pos():
        return {"line": rng.randrange(nlines + 2), "character": rng.choice(
            [0, 1, 2, 5, 10, 17, 40, 80, 200, 100000])}
    for i in range(1, 12):
        m = rng.choice(LSP_REQUESTS)
        params = {"textDocument": {"uri": uri}, "position": pos()}
        if m == "textDocument/rename":
            params["newName"] = rng.choice(["x", "", "a b", "😀", "h"])
        if m == "textDocument/references":
            params["context"] = {"includeDeclaration": True}
        if m == "textDocument/formatting":
            params = {"textDocument": {"uri": uri},
                      "options": {"tabSize": 4, "insertSpaces": True}}
        if m in ("textDocument/codeAction", "textDocument/inlayHint"):
            a, b = pos(), pos()
            params = {"textDocument": {"uri": uri}, "range": {"start": a, "end": b},
                      "context": {"diagnostics": []}}
        msgs.append({"jsonrpc": "2.0", "id": i, "method": m, "params": params})
        if rng.random() < 0.2:
            text2 = text[:rng.randrange(len(text) + 1)]
            msgs.append({"jsonrpc": "2.0", "method": "textDocument/didChange",
                         "params": {"textDocument": {"uri": uri, "version": i + 1},
                                    "contentChanges": [{"text": text2}]}})
    msgs += [{"jsonrpc": "2.0", "id": 99, "method": "shutdown"},
             {"jsonrpc": "2.0", "method": "exit"}]
    out = b""
    for m in msgs:
        body = json.dumps(m).encode()
        out += b"Content-Length: %d\r\n\r\n" % len(body) + body
    return out


POS_RE = re.compile(r":\d+:\d+|line \d+|column \d+|byte offset \d+|byte \d+")


def codes(binary, path, env):
    """The diagnostic codes `argmap check` gives a file, sorted (positions move under fmt)."""
    r = subprocess.run([binary, "check", "--format", "short", path], env=env,
                       capture_output=True, timeout=60)
    return sorted(re.findall(r"\[([EW]\d{4})\]", r.stdout.decode("utf-8", "replace")))


def fmt_keeps_the_file(binary, path, before, before_codes, rc, env):
    """`argmap fmt FILE` rewrites the user's file: on failure it must leave it byte for byte,
    on success the result must be formatted (a second `fmt --check` passes) and give the same
    diagnostics as before. Returns what went wrong, or None."""
    after = Path(path).read_bytes()
    if rc != 0:
        return None if after == before else f"fmt exited {rc} but changed the file"
    r = subprocess.run([binary, "fmt", "--check", path], env=env, capture_output=True,
                       timeout=60)
    if r.returncode != 0:
        return "fmt's output is not formatted (a second fmt would change it)"
    after_codes = codes(binary, path, env)
    if after_codes != before_codes:
        return f"fmt changed the diagnostics: {before_codes} -> {after_codes}"
    return None


def judge(rc, err, out, path, timed_out):
    if timed_out:
        return "TIMEOUT"
    if rc < 0:
        return "SIGNAL"
    if rc == 101 or "panicked at" in err:
        return "PANIC"
    if rc not in (0, 1, 2, 3):
        return "BADEXIT"
    if rc != 0 and not err.strip() and not out.strip():
        return "SILENT"
    if rc == 1:
        # Every error block must say where: the file's name or a position.
        blocks = re.split(r"\n(?=error[\[:])", "\n" + err)
        for b in blocks:
            if b.startswith("error") and path not in b and not POS_RE.search(b):
                return "NOPOS"
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=20)
    ap.add_argument("--binary", default=str(ROOT / "target/release/argmap"))
    ap.add_argument("--only", help="regex on the command name (e.g. 'iccma|extensions')")
    ap.add_argument("--keep", help="directory to save flagged mutants in")
    ap.add_argument("--flag-rate", type=float, default=0.2,
                    help="share of runs given an extreme value of a numeric flag")
    a = ap.parse_args()

    rng = random.Random(a.seed)
    seed_files = seeds()
    tmp = Path(tempfile.mkdtemp(prefix="argmap-fuzz-"))
    # Larger and cyclic graphs too, from `argmap gen` (seeded: the same files every run).
    gen = tmp / "gen"
    gen.mkdir()
    for i, (shape, n, fmt, extra) in enumerate([
            ("cyclic", 30, "ron", ["--weighted"]), ("scale-free", 60, "ron", []),
            ("cyclic", 40, "bag", []), ("cyclic", 40, "af", []), ("tree", 80, "ron", []),
            ("layered", 25, "ron", ["--weighted"])]):
        out = gen / f"gen{i}_{shape}.{fmt}"
        subprocess.run([a.binary, "gen", "--shape", shape, "--nodes", str(n), "--seed", str(i),
                        "-o", str(out)] + extra, check=True, capture_output=True)
        seed_files.append(out)
    datas = {p: p.read_bytes() for p in seed_files}
    others = list(datas.values())
    env = dict(os.environ, NO_COLOR="1", ARGMAP_MAX_FILE_MB="32")
    counts, flagged, by_cmd, firsts = {}, [], {}, {}
    start = time.time()
    print(f"{len(seed_files)} seeds, {a.cases} cases, seed {a.seed}, binary {a.binary}",
          flush=True)
    try:
        for n in range(a.cases):
            p = rng.choice(seed_files)
            fmt = fmt_of(p)
            data, what = mutate(datas[p], fmt, rng, others)
            ext = {"kialo": ".txt", "argdown": ".argdown", "json": ".json"}.get(fmt, "." + fmt)
            if p.name.endswith(".aif.json"):
                ext = ".aif.json"
            f = str(tmp / f"case{ext}")
            with open(f, "wb") as fh:
                fh.write(data)
            cmds = commands(fmt, f, data, str(tmp / "out"), rng)
            if a.only:
                cmds = [c for c in cmds if re.search(a.only, c[0])] or cmds
            cmd = rng.choice(cmds)
            if rng.random() < a.flag_rate:
                cmd = mutate_flags(cmd, rng)
            stdin_data = None
            lsp_rate = 1.0 if a.only and re.search(a.only, "lsp") else 0.1
            if fmt == "ron" and rng.random() < lsp_rate:
                cmd, stdin_data = ["lsp"], lsp_session(data, rng)
            elif cmd[0] in ("check", "eval", "dot") and fmt == "ron" and rng.random() < 0.1:
                cmd, stdin_data = [c if c != f else "-" for c in cmd], data
            use_stdin = stdin_data is not None
            by_cmd[cmd[0]] = by_cmd.get(cmd[0], 0) + 1
            timed_out = False
            fmt_in_place = cmd[0] == "fmt" and "--check" not in cmd and not use_stdin
            if fmt_in_place:
                before_codes = codes(a.binary, f, env)
            try:
                r = subprocess.run([a.binary, "--color", "never"] + cmd, env=env,
                                   input=stdin_data,
                                   stdin=None if use_stdin else subprocess.DEVNULL,
                                   capture_output=True, timeout=a.timeout)
                rc, err = r.returncode, r.stderr.decode("utf-8", "replace")
                out = r.stdout.decode("utf-8", "replace")
            except subprocess.TimeoutExpired as e:
                timed_out, rc = True, None
                err = (e.stderr or b"").decode("utf-8", "replace")
                out = ""
            verdict = judge(rc, err, out, "<stdin>" if use_stdin else f, timed_out)
            if fmt_in_place and not verdict:
                lost = fmt_keeps_the_file(a.binary, f, data, before_codes, rc, env)
                if lost:
                    verdict, err = "FMTLOSS", lost
            key = verdict or f"exit {rc}"
            counts[key] = counts.get(key, 0) + 1
            if verdict:
                shown = " ".join(c.replace(str(tmp) + "/", "") for c in cmd)
                line = f"{verdict}: [{n}] argmap {shown}  <- {p.parent.name}/{p.name}: {what}"
                tail = err.strip().splitlines()[-3:]
                print(line + "\n    " + "\n    ".join(tail), flush=True)
                flagged.append(line)
                if a.keep:
                    os.makedirs(a.keep, exist_ok=True)
                    with open(Path(a.keep) / f"{n}-{verdict.lower()}{ext}", "wb") as fh:
                        fh.write(data)
            if rc in (2, 3) and not verdict:
                first = next((ln for ln in err.splitlines() if ln.strip()), "")
                first = re.sub(r"\d+(\.\d+)?", "N", first.replace(str(tmp) + "/", ""))[:110]
                firsts[(rc, cmd[0], first)] = firsts.get((rc, cmd[0], first), 0) + 1
            if (n + 1) % 500 == 0:
                print(f"... {n + 1} cases, {time.time() - start:.0f} s, {counts}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{a.cases} cases in {time.time() - start:.0f} s; outcomes {counts}")
    print("commands run: " + ", ".join(f"{k} {v}" for k, v in sorted(by_cmd.items())))
    print("exit 2 (usage, I/O) and 3 (a limit), by first line of standard error:")
    for (rc, c, first), k in sorted(firsts.items(), key=lambda x: -x[1]):
        print(f"  {k:5} exit {rc} {c}: {first}")
    print(f"{len(flagged)} flagged")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
