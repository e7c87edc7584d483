#!/usr/bin/env python3
"""Makes E-ACSL's output (frama-c -e-acsl ... -print -ocode) compile with
gcc against glibc, for make eacsl.

Frama-C 25 prints the instrumented sources with glibc's headers included
by name but its own libc's view of the rest, and leaves three gaps:
- the contracts' declarations of read and open (char *, two arguments)
  clash with glibc's; safepoll calls them as spk_read and spk_open
  (rename.h), so these unused declarations are renamed away;
- the globals E-ACSL tracks for string literals, and the Frama-C libc
  globals its contracts mention (__fc_time_tm...), are registered in
  __e_acsl_globals_init but not declared: they get a declaration here
  (the libc ones are stand-ins that nothing reads);
- a local struct stat is registered with the size of Frama-C's struct
  (72 bytes), but gcc lays it out as glibc's (144 on x86_64), which
  fstat's precondition \valid(buf) checks and the real fstat writes: it
  is registered with gcc's sizeof instead.

usage: fixup.py FILE   (rewritten in place)
"""
import re
import sys


def main():
    path = sys.argv[1]
    with open(path) as f:
        text = f.read()
    text = re.sub(r"^ssize_t read\(int fd, char \*buf, size_t count\);",
                  "ssize_t sp_unused_read(int fd, char *buf, size_t count);",
                  text, flags=re.M)
    text = re.sub(r"^int open\(char const \*path, int flags\);",
                  "int sp_unused_open(char const *path, int flags);",
                  text, flags=re.M)
    for name in sorted(set(re.findall(r"^\s*struct stat (\w+);", text,
                                      flags=re.M))):
        text = re.sub(r"__e_acsl_store_block\(\(void \*\)\(& %s\),\d+UL\)"
                      % name,
                      "__e_acsl_store_block((void *)(& %s),sizeof(%s))"
                      % (name, name), text)
    decls = []
    for name in sorted(set(re.findall(
            r"\b(__gen_e_acsl_literal_string(?:_\d+)?)\b", text))):
        if not re.search(r"^\s*(static\s+)?char\s*\*\s*" + name + r"\s*;",
                         text, flags=re.M):
            decls.append("static char *%s;" % name)
    for name, size in sorted(set(re.findall(
            r"__e_acsl_store_block\(\(void \*\)\(& (__fc_\w+)\),(\d+)UL\)",
            text))):
        if not re.search(r"^[^(\n]*\b%s\b[^(\n]*;" % name, text, flags=re.M):
            decls.append("static char %s[%s];" % (name, size))
    # After the includes and the RTL's declarations, before the first use.
    anchor = text.index("\n", text.index("__e_acsl_globals_init") * 0 +
                        text.rindex("#include"))
    text = text[:anchor + 1] + "\n".join(decls) + "\n" + text[anchor + 1:]
    with open(path, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
