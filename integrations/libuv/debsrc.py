#!/usr/bin/env python3
"""Prints deb-src lines for this system's release, one per deb entry of
/etc/apt whose suite is the release or one of its updates (bookworm,
bookworm-updates, bookworm-security), in one-line sources.list form.
Both formats apt reads are parsed: sources.list lines and deb822 .sources
stanzas.  Disabled files (other suffixes) and deb-src entries are skipped."""
import glob
import re
import sys


def codename():
    with open("/etc/os-release") as f:
        for line in f:
            key, _, value = line.strip().partition("=")
            if key == "VERSION_CODENAME":
                return value.strip('"')
    sys.exit("debsrc.py: /etc/os-release has no VERSION_CODENAME")


def one_line(path):
    """(options, uri, suite, components) of each deb line."""
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            m = re.match(r"deb\s+(\[[^]]*\]\s+)?(\S+)\s+(\S+)\s+(.*)", line)
            if m:
                opts = (m.group(1) or "").strip()[1:-1].split()
                yield opts, m.group(2), m.group(3), m.group(4).split()


def deb822(path):
    with open(path) as f:
        text = f.read()
    for stanza in re.split(r"\n\s*\n", text):
        fields = {}
        for line in stanza.splitlines():
            if line.startswith("#") or ":" not in line or line[0].isspace():
                continue
            key, _, value = line.partition(":")
            fields[key.strip().lower()] = value.strip()
        if "deb" not in fields.get("types", "").split():
            continue
        if fields.get("enabled", "yes").lower() == "no":
            continue
        opts = []
        if "signed-by" in fields:
            opts.append("signed-by=" + fields["signed-by"])
        for uri in fields.get("uris", "").split():
            for suite in fields.get("suites", "").split():
                yield opts, uri, suite, fields.get("components", "").split()


def main():
    name = codename()
    entries = []
    for path in ["/etc/apt/sources.list"] + sorted(
            glob.glob("/etc/apt/sources.list.d/*.list")):
        try:
            entries += list(one_line(path))
        except FileNotFoundError:
            pass
    for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
        entries += list(deb822(path))
    lines = []
    for opts, uri, suite, comps in entries:
        if suite != name and not suite.startswith(name + "-"):
            continue
        if "main" not in comps:
            continue
        keep = [o for o in opts if o.startswith("signed-by=")]
        prefix = "deb-src " + ("[" + " ".join(keep) + "] " if keep else "")
        lines.append(prefix + uri + " " + suite + " main")
    if not lines:
        sys.exit("debsrc.py: no deb entry for release %s with component "
                 "main in /etc/apt/sources.list{,.d}" % name)
    print("\n".join(dict.fromkeys(lines)))


main()
