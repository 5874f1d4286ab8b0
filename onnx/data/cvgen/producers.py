"""Real document producers run in batches: LibreOffice (DOCX/ODT -> PDF) and Chromium (HTML -> PDF).

LibreOffice converts many files per ``soffice`` start, so files go in chunks of 40 with a private
user profile per call. Chromium prints one file per process start (``--print-to-pdf``); two run
side by side with separate profiles. Both are found on PATH; ``setup.sh`` installs them.
"""
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

LO_CHUNK = 40


def soffice_bin():
    return shutil.which("soffice") or shutil.which("libreoffice")


def chromium_bin():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def libreoffice_to_pdf(inputs, outdir, timeout=900):
    """Convert files to PDF next to each other in outdir; returns the set of produced PDF paths."""
    exe = soffice_bin()
    if not exe:
        raise RuntimeError("LibreOffice (soffice) not found: run onnx/data/setup.sh")
    done = set()
    inputs = list(inputs)
    for i in range(0, len(inputs), LO_CHUNK):
        chunk = inputs[i:i + LO_CHUNK]
        with tempfile.TemporaryDirectory(prefix="cvgen-lo-") as prof:
            cmd = [exe, f"-env:UserInstallation=file://{prof}", "--headless", "--norestore", "--convert-to", "pdf",
                   "--outdir", str(outdir)] + [str(p) for p in chunk]
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout, check=False)
        for p in chunk:
            pdf = Path(outdir) / (Path(p).stem + ".pdf")
            if pdf.exists() and pdf.stat().st_size > 0:
                done.add(pdf)
    return done


def _chromium_one(args):
    exe, html, pdf = args
    with tempfile.TemporaryDirectory(prefix="cvgen-cr-") as prof:
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions", "--no-first-run",
               f"--user-data-dir={prof}", "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
               f"--print-to-pdf={pdf}", Path(html).resolve().as_uri()]
        try:
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120, check=False)
        except subprocess.TimeoutExpired:
            return None
    return pdf if Path(pdf).exists() and Path(pdf).stat().st_size > 0 else None


def chromium_to_pdf(pairs, workers=2):
    """pairs: [(html_path, pdf_path)]; returns the set of produced PDF paths."""
    exe = chromium_bin()
    if not exe:
        raise RuntimeError("Chromium not found: run onnx/data/setup.sh")
    with ThreadPoolExecutor(max_workers=workers) as ex:
        return {p for p in ex.map(_chromium_one, [(exe, h, p) for h, p in pairs]) if p}


def producer_versions():
    out = {}
    exe = soffice_bin()
    if exe:
        r = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False)
        out["libreoffice"] = r.stdout.strip()
    exe = chromium_bin()
    if exe:
        r = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False,
                           env={**os.environ, "HOME": tempfile.gettempdir()})
        out["chromium"] = r.stdout.strip()
    import docx, odf, reportlab, faker  # noqa: E401
    out["reportlab"] = reportlab.Version
    out["faker"] = faker.VERSION
    from importlib.metadata import version
    out["python-docx"] = version("python-docx")
    out["odfpy"] = version("odfpy")
    return out
