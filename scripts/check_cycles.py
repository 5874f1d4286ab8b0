#!/usr/bin/env python3
"""Fail on import cycles between sibling modules, in the Rust crate and the Python recipe.

Data in this project flows one way (bytes → document → sections → spans → profile → plan →
output), and a module that needs its sibling while that sibling needs it back is no longer a
layer: neither can be read, tested or moved without the other. This check keeps the layers.

The rule, at every level of a module tree: take the children of one module and draw an edge
A → B when any file in A's subtree refers to an item inside B's subtree. That graph must be
acyclic. A child using its parent's own items (`super::Thing` defined in mod.rs) and a parent
using or re-exporting its children are not edges between siblings, so they are always fine.

Rust: the tree comes from `mod` declarations (with `#[path]` and inline `mod x { … }`),
starting at src/lib.rs and src/main.rs (two crates). References are `use` trees and paths
starting with `crate::`, `super::`, `self::` or a child module's name. A reference to a name
that a module re-exports (`pub use`) counts as a reference to where the name is defined.

Python: each root directory (onnx/train, onnx/data) is a tree of packages and modules;
references are `import` and `from … import` statements (module level or inside functions:
a deferred import still ties the two modules together), resolved against that root.

Prints each cycle as a chain with one example reference per edge and exits 1 if there is any.
Standard library only, so it runs before any setup.
"""

from __future__ import annotations

import argparse
import ast
import bisect
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field

# A module is named by its path from the root: () is the crate (or the Python root).
Path = tuple


@dataclass
class Ref:
    """One reference from module `src` to the thing at `target`, written at `where`."""

    src: Path
    target: Path
    where: str


@dataclass
class Module:
    path: Path
    children: set = field(default_factory=set)
    # Names this module defines (Rust items) – to follow glob re-exports to the right module.
    defines: set = field(default_factory=set)
    # `pub use` re-exports: name → module path + item of what it names (unresolved, absolute).
    reexports: dict = field(default_factory=dict)
    # `pub use x::*`: absolute paths of the globbed modules.
    globs: list = field(default_factory=list)


class Tree:
    """Modules and the references between them, for one crate or one Python root."""

    def __init__(self, name: str):
        self.name = name
        self.modules: dict[Path, Module] = {(): Module(())}
        self.refs: list[Ref] = []
        # Rust references wait here until every module of the crate is known.
        self.pending: list = []

    def add_module(self, path: Path) -> Module:
        for i in range(1, len(path) + 1):
            prefix = path[:i]
            if prefix not in self.modules:
                self.modules[prefix] = Module(prefix)
            self.modules[path[: i - 1]].children.add(path[i - 1])
        return self.modules[path]

    def resolve(self, target: Path) -> Path:
        """The module that holds what `target` names, following `pub use` re-exports."""
        seen: set = set()
        at: Path = ()
        rest = list(target)
        while rest:
            step = self._step(at, rest[0], seen)
            if step is None:
                break
            kind, value = step
            if kind == "module":
                at = value
                rest.pop(0)
            elif kind == "item":
                return value
            else:  # a re-export: continue from the path it names
                at, rest = (), list(value) + rest[1:]
        return at

    def _step(self, at: Path, name: str, seen: set):
        """What `name` is inside module `at`: a child module, an item defined there, a re-export
        (the path it names) or, through a glob re-export, what it is there; None if unknown."""
        module = self.modules.get(at)
        if module is None:
            return None
        if name in module.children:
            return "module", at + (name,)
        if name in module.defines:
            return "item", at
        if (at, name) in seen:
            return None
        seen.add((at, name))
        if name in module.reexports:
            return "path", module.reexports[name]
        for glob in module.globs:
            found = self._step(self.resolve(glob), name, seen)
            if found is not None:
                return found
        return None

    def sibling_edges(self):
        """{parent: {(a, b): example}}: child a of parent refers into child b's subtree."""
        levels: dict = defaultdict(dict)
        for ref in self.refs:
            dst = self.resolve(ref.target)
            common = 0
            while common < min(len(ref.src), len(dst)) and ref.src[common] == dst[common]:
                common += 1
            if common < len(ref.src) and common < len(dst):
                parent = ref.src[:common]
                edge = (ref.src[common], dst[common])
                levels[parent].setdefault(edge, ref.where)
        return levels


def find_cycles(edges: dict) -> list:
    """Cycles (lists of nodes, the first repeated at the end) among the `edges` (a, b)."""
    graph = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
    index, low, stack, on_stack, comps = {}, {}, [], set(), []
    counter = [0]

    def strongconnect(v):
        # Iterative Tarjan: module graphs are small, but recursion depth should not matter.
        work = [(v, iter(sorted(graph[v])))]
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        while work:
            node, it = work[-1]
            advanced = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                    advanced = True
                    break
                if w in on_stack:
                    low[node] = min(low[node], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = set()
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.add(w)
                    if w == node:
                        break
                if len(comp) > 1:
                    comps.append(comp)

    for v in sorted(list(graph)):
        if v not in index:
            strongconnect(v)
    # A component can hold several loops: show the shortest one through each of its modules,
    # so every module that takes part appears in a chain.
    cycles = set()
    for comp in comps:
        for start in sorted(comp):
            chain = shortest_cycle(graph, comp, start)
            turn = chain.index(min(chain))
            cycles.add(tuple(chain[turn:] + chain[:turn]))
    return [list(c) + [c[0]] for c in sorted(cycles)]


def shortest_cycle(graph, comp: set, start) -> list:
    """The nodes of a shortest loop from `start` back to it, inside the component `comp`."""
    prev = {start: None}
    queue = [start]
    while queue:
        nxt = []
        for node in queue:
            for w in sorted(graph[node] & comp):
                if w == start:
                    chain = [node]
                    while prev[chain[-1]] is not None:
                        chain.append(prev[chain[-1]])
                    return list(reversed(chain))
                if w not in prev:
                    prev[w] = node
                    nxt.append(w)
        queue = nxt
    return [start]


def report(tree: Tree, root_label: str) -> list:
    """Readable lines for every cycle in `tree`."""
    lines = []
    for parent, edges in sorted(tree.sibling_edges().items()):
        for chain in find_cycles(edges):
            where = root_label + "".join("::" + p for p in parent) if tree.name == "rust" else (
                ".".join(parent) or root_label)
            lines.append(f"cycle in {where}: " + " → ".join(chain))
            for a, b in zip(chain, chain[1:]):
                lines.append(f"    {a} → {b}: {edges[(a, b)]}")
    return lines


# ---------------------------------------------------------------------------------------------
# Rust

def blank_comments_and_strings(text: str) -> str:
    """`text` with comments and string/char literal contents replaced by spaces (newlines kept),
    so offsets and line numbers stay those of the file."""
    out = list(text)
    i, n = 0, len(text)

    def blank(a, b):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            blank(i, j)
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            blank(i, j)
            i = j
        elif (m := re.match(r'b?r(#*)"', text[i:i + 260])) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            close = '"' + m.group(1)
            j = text.find(close, i + m.end())
            j = n if j < 0 else j + len(close)
            blank(i + m.end(), j - len(close))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            blank(i + 1, min(j, n))
            i = j + 1
        elif c == "'":
            # A char literal ('x', '\n', '\u{e9}', '\''), else a lifetime or label.
            m = re.match(r"'(\\u\{[0-9a-fA-F]+\}|\\x[0-9a-fA-F]{2}|\\.|[^\\'\n])'", text[i:i + 14])
            if m:
                blank(i + 1, i + m.end() - 1)
                i += m.end()
            else:
                i += 1
        else:
            i += 1
    return "".join(out)


def split_top(s: str, sep: str = ","):
    """Split on `sep` outside braces."""
    parts, depth, cur = [], 0, []
    for ch in s:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def expand_use(tree_text: str, prefix=()):
    """A `use` tree → [(segments, bound name or None for a glob)]."""
    out = []
    for item in split_top(tree_text):
        item = re.sub(r"\s+", " ", item).strip()
        if item.startswith("::"):
            item = item[2:]
        brace = item.find("{")
        if brace >= 0:
            head = [s.strip() for s in item[:brace].split("::") if s.strip()]
            inner = item[brace + 1: item.rfind("}")]
            out.extend(expand_use(inner, prefix + tuple(head)))
            continue
        alias = None
        if " as " in item:
            item, alias = [s.strip() for s in item.split(" as ", 1)]
        segs = [s.strip() for s in item.split("::") if s.strip()]
        if not segs:
            continue
        if segs[-1] == "*":
            out.append((prefix + tuple(segs[:-1]), None))
        elif segs[-1] == "self":
            path = prefix + tuple(segs[:-1])
            out.append((path, alias or (path[-1] if path else None)))
        else:
            out.append((prefix + tuple(segs), alias or segs[-1]))
    return out


MOD_RE = re.compile(r"((?:#\[[^\]]*\]\s*)*)(?:pub(?:\s*\([^)]*\))?\s+)?\bmod\s+(\w+)\s*([;{])")
USE_RE = re.compile(r"(?<![\w$])(pub(?:\s*\([^)]*\))?\s+)?use\s+([^;]+);")
PATH_RE = re.compile(r"(?<![\w$:])((?:crate|super|self|[a-z_][a-z0-9_]*)(?:\s*::\s*(?:[A-Za-z_]\w*|\*))+)")
DEF_RE = re.compile(
    r"\bpub(?:\s*\([^)]*\))?\s+(?:(?:async|const|unsafe|extern(?:\s+\"[^\"]*\")?)\s+)*"
    r"(?:fn|struct|enum|trait|type|const|static|union|mod|macro)\s+(\w+)")


def matching_brace(text: str, open_at: int) -> int:
    depth = 0
    for k in range(open_at, len(text)):
        if text[k] == "{":
            depth += 1
        elif text[k] == "}":
            depth -= 1
            if depth == 0:
                return k
    return len(text)


def rust_tree(root_file: str, display_base: str) -> Tree:
    """The module tree of the crate rooted at `root_file` (src/lib.rs, src/main.rs), with its
    references resolved."""
    tree = Tree("rust")
    load_rust_file(tree, root_file, (), os.path.dirname(root_file), display_base)
    # References wait until every module is known: a path may name a child declared further
    # down, or a name another file re-exports.
    for module, segs, bound, public, where in tree.pending:
        target = absolute(tree, module, segs)
        if target is None:
            continue
        if public and bound is None:
            tree.modules[module].globs.append(target)
        elif public and bound:
            tree.modules[module].reexports[bound] = target
        tree.refs.append(Ref(module, target, where))
    tree.pending = []
    return tree


def absolute(tree: Tree, module: Path, segs) -> Path | None:
    """The path from the crate root of `segs` as written in `module`; None for other crates."""
    segs = list(segs)
    if not segs:
        return None
    head = segs[0]
    if head == "crate":
        base, segs = (), segs[1:]
    elif head in ("super", "self"):
        base = module
        while segs and segs[0] in ("super", "self"):
            if segs.pop(0) == "super":
                base = base[:-1]
    elif head in tree.modules.get(module, Module(())).children:
        base = module
    else:
        return None
    return tuple(base) + tuple(segs)


def load_rust_file(tree: Tree, file: str, path: Path, child_dir: str, display_base: str):
    """Read the module `path` from `file` (its file children in `child_dir`), then its children."""
    try:
        with open(file, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return
    code = blank_comments_and_strings(text)
    shown = os.path.relpath(file, display_base)
    line_starts = [0] + [m.end() for m in re.finditer("\n", code)]

    def where(offset):
        return f"{shown}:{bisect.bisect_right(line_starts, offset)}"

    # Inline modules first: which module each offset belongs to.
    scopes = []  # (start, end, name) of each `mod name { … }`
    for m in MOD_RE.finditer(code):
        if m.group(3) == "{":
            end = matching_brace(code, m.end() - 1)
            scopes.append((m.end(), end, m.group(2)))

    def scope_at(offset):
        inner = [s for s in scopes if s[0] <= offset < s[1]]
        inner.sort(key=lambda s: s[0])
        return path + tuple(s[2] for s in inner), child_dir if not inner else os.path.join(
            child_dir, *[s[2] for s in inner])

    for m in MOD_RE.finditer(code):
        name = m.group(2)
        module, directory = scope_at(m.start(2))
        child = module + (name,)
        tree.add_module(child)
        if m.group(3) == "{":
            continue
        attrs = text[m.start(1):m.end(1)]
        custom = re.search(r'path\s*=\s*"([^"]+)"', attrs)
        if custom:
            # #[path] is relative to the directory of the file that declares the module.
            child_file = os.path.join(os.path.dirname(file), custom.group(1))
            load_rust_file(tree, child_file, child, os.path.dirname(child_file), display_base)
            continue
        flat = os.path.join(directory, name + ".rs")
        nested = os.path.join(directory, name, "mod.rs")
        if os.path.exists(flat):
            load_rust_file(tree, flat, child, os.path.join(directory, name), display_base)
        elif os.path.exists(nested):
            load_rust_file(tree, nested, child, os.path.join(directory, name), display_base)

    for m in DEF_RE.finditer(code):
        module, _ = scope_at(m.start())
        tree.add_module(module).defines.add(m.group(1))

    use_spans = []
    for m in USE_RE.finditer(code):
        use_spans.append((m.start(), m.end()))
        module, _ = scope_at(m.start())
        public = m.group(1) is not None
        for segs, bound in expand_use(m.group(2)):
            tree.pending.append((module, segs, bound, public, where(m.start(2))))
    masked = list(code)
    for a, b in use_spans:
        for k in range(a, b):
            if masked[k] != "\n":
                masked[k] = " "
    masked = "".join(masked)
    for m in PATH_RE.finditer(masked):
        segs = [s.strip() for s in m.group(1).split("::")]
        module, _ = scope_at(m.start())
        # The last segment of an inline path is an item (or a method on it); drop a `*`.
        tree.pending.append((module, [s for s in segs if s != "*"], "", False, where(m.start())))


def rust_cycles(repo: str) -> list:
    roots = [os.path.join(repo, "src", f) for f in ("lib.rs", "main.rs") if os.path.exists(os.path.join(repo, "src", f))]
    lines = []
    for root in roots:
        # Each root is its own crate: the binary reaches the library only as an extern crate.
        tree = rust_tree(root, repo)
        label = "crate" if root.endswith("lib.rs") else "crate (src/main.rs)"
        lines += report(tree, label)
    return lines


# ---------------------------------------------------------------------------------------------
# Python

def python_tree(root: str, display_base: str) -> Tree:
    tree = Tree("python")
    files = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in ("__pycache__", "node_modules"))
        rel = os.path.relpath(dirpath, root)
        pkg = () if rel == "." else tuple(rel.split(os.sep))
        for name in sorted(filenames):
            if not name.endswith(".py"):
                continue
            mod = pkg if name == "__init__.py" else pkg + (name[:-3],)
            tree.add_module(mod)
            files[mod] = (os.path.join(dirpath, name), name == "__init__.py")
    for mod, (file, is_package) in sorted(files.items()):
        try:
            with open(file, encoding="utf-8") as f:
                source = ast.parse(f.read(), file)
        except (OSError, SyntaxError, ValueError):
            continue
        package = mod if is_package else mod[:-1]
        where = os.path.relpath(file, display_base)
        for node in ast.walk(source):
            targets = []
            if isinstance(node, ast.Import):
                targets = [tuple(a.name.split(".")) for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - (node.level - 1)] if node.level - 1 <= len(package) else None
                    if base is None:
                        continue
                else:
                    base = ()
                head = tuple(node.module.split(".")) if node.module else ()
                # `from pkg import name`: name may be a submodule or an item of pkg.
                targets = [base + head + (a.name,) for a in node.names if a.name != "*"] or [base + head]
            for target in targets:
                if target and target[0] in tree.modules[()].children:
                    tree.refs.append(Ref(mod, target, f"{where}:{node.lineno}"))
    return tree


def python_cycles(repo: str, roots=("onnx/train", "onnx/data")) -> list:
    lines = []
    for rel in roots:
        root = os.path.join(repo, rel)
        if os.path.isdir(root):
            lines += report(python_tree(root, repo), rel)
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repo", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                        help="repository root (default: the one this script is in)")
    args = parser.parse_args(argv)
    lines = rust_cycles(args.repo) + python_cycles(args.repo)
    for line in lines:
        print(line)
    if lines:
        print(f"check_cycles: {sum(1 for l in lines if l.startswith('cycle'))} import cycle(s)", file=sys.stderr)
        return 1
    print("check_cycles: no import cycles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
