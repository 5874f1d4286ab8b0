"""Tests of check_cycles.py on small synthetic trees, with and without cycles.

    python3 -m unittest discover -s scripts -p 'test_*.py'
"""

import contextlib
import io
import os
import sys
import tempfile
import textwrap
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import check_cycles  # noqa: E402


class Repo:
    """A temporary repository holding `files` ({relative path: text})."""

    def __init__(self, files: dict):
        self.dir = tempfile.TemporaryDirectory()
        self.root = self.dir.name
        for rel, text in files.items():
            path = os.path.join(self.root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(textwrap.dedent(text))

    def rust(self):
        return check_cycles.rust_cycles(self.root)

    def python(self, roots=("onnx/train", "onnx/data")):
        return check_cycles.python_cycles(self.root, roots)

    def main(self):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = check_cycles.main(["--repo", self.root])
        return code, out.getvalue()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.dir.cleanup()


def chains(lines):
    return [line for line in lines if line.startswith("cycle")]


class RustTest(unittest.TestCase):
    def test_siblings_using_each_other_are_a_cycle_with_one_reference_per_edge(self):
        with Repo({
            "src/lib.rs": "pub mod a;\npub mod b;\n",
            "src/a.rs": "use crate::b::Thing;\npub fn f() {}\n",
            "src/b.rs": "pub struct Thing;\n\nfn g() {\n    crate::a::f();\n}\n",
        }) as repo:
            lines = repo.rust()
        self.assertEqual(chains(lines), ["cycle in crate: a → b → a"])
        self.assertIn("    a → b: src/a.rs:1", lines)
        self.assertIn("    b → a: src/b.rs:4", lines)

    def test_one_way_use_is_no_cycle(self):
        with Repo({
            "src/lib.rs": "pub mod a;\npub mod b;\n",
            "src/a.rs": "use crate::b::{self, Thing};\npub fn f() { b::g(); }\n",
            "src/b.rs": "pub struct Thing;\npub fn g() {}\n",
        }) as repo:
            self.assertEqual(repo.rust(), [])

    def test_child_using_its_parents_items_and_parent_reexporting_children_are_fine(self):
        with Repo({
            "src/lib.rs": "pub mod m;\n",
            "src/m/mod.rs": """\
                mod one;
                mod two;
                pub use one::*;
                pub use two::helper;
                pub struct Shared;
                fn uses_child() { one::run(); }
            """,
            "src/m/one.rs": "use super::Shared;\npub fn run() { let _ = super::Shared; }\n",
            "src/m/two.rs": "use super::Shared;\npub fn helper() {}\n",
        }) as repo:
            self.assertEqual(repo.rust(), [])

    def test_a_longer_loop_is_one_chain(self):
        with Repo({
            "src/lib.rs": "pub mod a;\npub mod b;\npub mod c;\n",
            "src/a.rs": "use crate::b::B;\npub struct A;\n",
            "src/b.rs": "use crate::c::C;\npub struct B;\n",
            "src/c.rs": "use crate::a::A;\npub struct C;\n",
        }) as repo:
            self.assertEqual(chains(repo.rust()), ["cycle in crate: a → b → c → a"])

    def test_cycles_deeper_in_the_tree_name_their_level(self):
        with Repo({
            "src/lib.rs": "pub mod x;\n",
            "src/x/mod.rs": "mod p;\nmod q;\n",
            "src/x/p.rs": "use super::q::Q;\npub struct P;\n",
            "src/x/q.rs": "pub struct Q;\nfn f(_: super::p::P) {}\n",
        }) as repo:
            self.assertEqual(chains(repo.rust()), ["cycle in crate::x: p → q → p"])

    def test_a_subtree_counts_as_its_top_module(self):
        # a's grandchild uses b, b's child uses a: a and b are tied, whichever files do it.
        with Repo({
            "src/lib.rs": "pub mod a;\npub mod b;\n",
            "src/a/mod.rs": "pub mod deep;\n",
            "src/a/deep/mod.rs": "pub mod deeper;\n",
            "src/a/deep/deeper.rs": "pub fn f() { let _ = crate::b::inner::G; }\n",
            "src/b/mod.rs": "pub mod inner;\n",
            "src/b/inner.rs": "pub const G: u8 = 0;\nuse crate::a::deep::deeper::f;\n",
        }) as repo:
            self.assertEqual(chains(repo.rust()), ["cycle in crate: a → b → a"])

    def test_a_reexported_name_counts_where_it_is_defined(self):
        # p uses `super::Kind`, which m re-exports from q, and q uses p: p and q are tied.
        with Repo({
            "src/lib.rs": "pub mod m;\n",
            "src/m/mod.rs": "mod p;\nmod q;\npub use q::Kind;\n",
            "src/m/p.rs": "use super::Kind;\npub fn f() {}\n",
            "src/m/q.rs": "pub enum Kind { A }\nfn g() { super::p::f(); }\n",
        }) as repo:
            self.assertEqual(chains(repo.rust()), ["cycle in crate::m: p → q → p"])
        # The same through a glob re-export, and a use of the crate root's re-export.
        with Repo({
            "src/lib.rs": "pub mod a;\npub mod b;\npub use b::*;\n",
            "src/a.rs": "use crate::Thing;\npub fn f() {}\n",
            "src/b.rs": "pub struct Thing;\nfn g() { crate::a::f(); }\n",
        }) as repo:
            self.assertEqual(chains(repo.rust()), ["cycle in crate: a → b → a"])

    def test_comments_strings_and_unrelated_paths_are_not_references(self):
        with Repo({
            "src/lib.rs": "pub mod a;\npub mod b;\n",
            "src/a.rs": """\
                //! Docs may name [`crate::b::Thing`].
                /* use crate::b::Thing; */
                pub fn f() -> &'static str { let _c = '"'; "crate::b::Thing" }
                pub fn g<'a>(s: &'a str) -> &'a str { let _ = std::mem::size_of::<u8>(); s }
            """,
            "src/b.rs": "pub struct Thing;\nfn h() { crate::a::f(); }\n",
        }) as repo:
            self.assertEqual(repo.rust(), [])

    def test_an_inline_test_module_belongs_to_its_file(self):
        with Repo({
            "src/lib.rs": "pub mod a;\npub mod b;\n",
            "src/a.rs": """\
                pub fn f() {}
                #[cfg(test)]
                mod tests {
                    use super::*;
                    use crate::b::helper;
                }
            """,
            "src/b.rs": "pub fn helper() { crate::a::f(); }\n",
        }) as repo:
            self.assertEqual(chains(repo.rust()), ["cycle in crate: a → b → a"])

    def test_path_attributes_are_followed(self):
        with Repo({
            "src/lib.rs": "pub mod layout;\n",
            "src/layout.rs": '#[path = "layout_rows.rs"]\nmod rows;\n#[path = "layout_text.rs"]\nmod text;\n',
            "src/layout_rows.rs": "use super::text::clean;\npub struct Row;\n",
            "src/layout_text.rs": "use super::rows::Row;\npub fn clean() {}\n",
        }) as repo:
            self.assertEqual(chains(repo.rust()), ["cycle in crate::layout: rows → text → rows"])

    def test_multi_line_use_trees(self):
        with Repo({
            "src/lib.rs": "pub mod a;\npub mod b;\npub mod c;\n",
            "src/a.rs": "use crate::{\n    b::B,\n    c::{self, C as Renamed},\n};\npub struct A;\n",
            "src/b.rs": "pub struct B;\n",
            "src/c.rs": "pub struct C;\nuse crate::a::A;\n",
        }) as repo:
            lines = repo.rust()
        self.assertEqual(chains(lines), ["cycle in crate: a → c → a"])
        self.assertIn("    a → c: src/a.rs:1", lines)


class PythonTest(unittest.TestCase):
    def test_a_deferred_import_still_makes_a_cycle(self):
        with Repo({
            "onnx/train/train.py": "import eval_sample\n",
            "onnx/train/eval_sample.py": "import os\n\ndef f():\n    from train import evaluate\n",
        }) as repo:
            lines = repo.python()
        self.assertEqual(chains(lines), ["cycle in onnx/train: eval_sample → train → eval_sample"])
        self.assertIn("    eval_sample → train: onnx/train/eval_sample.py:4", lines)
        self.assertIn("    train → eval_sample: onnx/train/train.py:1", lines)

    def test_imports_through_a_lower_module_are_fine(self):
        with Repo({
            "onnx/train/train.py": "import eval_sample\nfrom scoring import evaluate\nimport numpy\n",
            "onnx/train/eval_sample.py": "def f():\n    from scoring import evaluate\n",
            "onnx/train/scoring.py": "import json\n",
        }) as repo:
            self.assertEqual(repo.python(), [])

    def test_packages_and_relative_imports(self):
        files = {
            "onnx/data/cvgen/__init__.py": "",
            "onnx/data/cvgen/writers/__init__.py": "from .docx import write\n",
            "onnx/data/cvgen/writers/docx.py": "from ..doc import Doc\n",
            "onnx/data/cvgen/doc.py": "class Doc: pass\n",
            "onnx/data/tests/test_x.py": "from cvgen.writers import docx\n",
        }
        with Repo(files) as repo:
            self.assertEqual(repo.python(), [])
        files["onnx/data/cvgen/doc.py"] = "from . import writers\n"
        with Repo(files) as repo:
            self.assertEqual(chains(repo.python()), ["cycle in cvgen: doc → writers → doc"])


class MainTest(unittest.TestCase):
    def test_exit_status_says_whether_there_is_a_cycle(self):
        clean = {"src/lib.rs": "pub mod a;\npub mod b;\n", "src/a.rs": "use crate::b::B;\n", "src/b.rs": "pub struct B;\n"}
        with Repo(clean) as repo:
            self.assertEqual(repo.main()[0], 0)
        clean["src/main.rs"] = "mod cli;\nmod run;\n"
        clean["src/cli.rs"] = "use crate::run::go;\n"
        clean["src/run.rs"] = "pub fn go() { crate::cli::x(); }\n"
        with Repo(clean) as repo:
            code, out = repo.main()
        self.assertEqual(code, 1)
        self.assertIn("cycle in crate (src/main.rs): cli → run → cli", out)


if __name__ == "__main__":
    unittest.main()
