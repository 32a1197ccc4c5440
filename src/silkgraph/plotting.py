"""Chinese labels in matplotlib figures: find a CJK font, or say how to install one.

matplotlib's default font (DejaVu Sans) has no Chinese glyphs, so a label like 生态环境部 comes
out as empty boxes, with only a warning. :func:`use_cjk_font` looks for a font that covers
Chinese among the fonts matplotlib knows and those fontconfig lists (Debian's
``fonts-noto-cjk`` or ``fonts-wqy-zenhei``, which ``make test`` and ``make serve`` install when
missing), puts it first in ``font.sans-serif``, and raises :class:`MissingFontError` naming the
package to install when there is none — a figure never silently shows boxes.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path

#: Families known to cover Chinese, the first found wins.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
)
INSTALL_HINT = "install a CJK font: apt-get install fonts-noto-cjk (or fonts-wqy-zenhei)"


class MissingFontError(RuntimeError):
    """No installed font covers Chinese; the message says what to install."""


def _fontconfig_files() -> list[Path]:
    """Font files fontconfig says cover Chinese (``fc-list :lang=zh``), if fontconfig is there."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    listed = subprocess.run(
        [fc_list, ":lang=zh", "file"], capture_output=True, text=True, check=False, timeout=30
    ).stdout
    return sorted(Path(line.split(":")[0].strip()) for line in listed.splitlines() if line)


def use_cjk_font() -> str:
    """Make matplotlib draw Chinese; returns the family chosen.

    Raises :class:`MissingFontError` when no installed font covers Chinese.
    """
    from matplotlib import font_manager, rcParams

    for path in _fontconfig_files():
        if path.suffix.lower() in {".ttf", ".otf", ".ttc"} and path.exists():
            font_manager.fontManager.addfont(str(path))
    known = {font.name for font in font_manager.fontManager.ttflist}
    family = next((name for name in CJK_FAMILIES if name in known), None)
    if family is None:
        raise MissingFontError(f"no font for Chinese labels: {INSTALL_HINT}")
    # a font with one weight makes matplotlib log "Failed to find font weight normal" each time
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    rcParams["font.sans-serif"] = [family, *rcParams["font.sans-serif"]]
    rcParams["font.family"] = "sans-serif"
    rcParams["axes.unicode_minus"] = False  # CJK fonts often lack U+2212
    return family
