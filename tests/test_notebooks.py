"""The analysts' notebooks run top to bottom on a real kernel and write their figures.

Each notebook in queries/notebooks/ is executed with nbclient against the seed store (its
``SOURCE``), in a scratch folder, and must write its PNG figure; the stored notebooks carry no
outputs. Chinese labels need a CJK font (see silkgraph.plotting): without one a notebook fails
with the package to install, rather than drawing boxes.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "queries" / "notebooks"
#: The figure each notebook writes.
FIGURES = {
    "partnerships-by-year": "partnerships-by-year.png",
    "events-timeline": "events-timeline.png",
    "people-network": "people-organisations.png",
    "events-map": "events-map.png",
    "organisation-profile": "organisation-facts.png",
}
PNG = b"\x89PNG\r\n\x1a\n"


def test_every_notebook_is_listed_and_stored_without_outputs() -> None:
    assert {path.stem for path in NOTEBOOKS.glob("*.ipynb")} == set(FIGURES)
    for path in NOTEBOOKS.glob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        assert code and all(not c.outputs and c.execution_count is None for c in code), path.name
        assert 'SOURCE = os.environ.get("SILKGRAPH_SOURCE"' in code[0].source


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_the_notebook_runs_and_writes_its_figure(
    name: str, seed_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("matplotlib")
    from silkgraph.plotting import use_cjk_font

    use_cjk_font()  # a missing CJK font fails here, with the package to install
    monkeypatch.setenv("SILKGRAPH_SOURCE", str(seed_store))
    monkeypatch.setenv("SILKGRAPH_FIGURES", str(tmp_path / "figures"))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    resources = {"metadata": {"path": str(tmp_path)}}
    NotebookClient(notebook, timeout=180, kernel_name="python3", resources=resources).execute()
    figure = tmp_path / "figures" / FIGURES[name]
    assert figure.read_bytes()[:8] == PNG and figure.stat().st_size > 10_000
    text = "".join(
        output.get("text", "") for cell in notebook.cells for output in cell.get("outputs", [])
    )
    assert "missing from font" not in text  # matplotlib's warning for a glyph drawn as a box


def test_chinese_labels_render_with_the_font_found(tmp_path: Path) -> None:
    """matplotlib warns "Glyph … missing from font" for a box; warnings are errors here."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from silkgraph.plotting import use_cjk_font

    family = use_cjk_font()
    figure, axes = plt.subplots()
    axes.set_title("生态环境部 · 绿色金融与投资专题伙伴关系")
    figure.savefig(tmp_path / "zh.png")
    plt.close(figure)
    assert family and (tmp_path / "zh.png").stat().st_size > 1000
