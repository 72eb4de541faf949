"""Headless Chromium (Debian's ``chromium``) driven by Playwright, for tests and benches that must
see what a user sees: console errors, requests the page tries to make, dialogs, a screenshot."""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-sync", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]


def chromium_path() -> str | None:
    """Debian's chromium, or the one named by ``CLAIMGRAPH_CHROMIUM``."""
    return os.environ.get("CLAIMGRAPH_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class PageVisit:
    """What happened while a page was open."""

    ready_ms: float | None = None
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # every request other than the page itself
    dialogs: list[str] = field(default_factory=list)
    screenshot: Path | None = None
    values: dict[str, object] = field(default_factory=dict)


def visit(url: str, *, screenshot: Path | None = None, timeout_s: float = 60.0, script: str | None = None,
          viewport: tuple[int, int] = (1600, 1000), actions=None, offline: bool = True) -> PageVisit:  # type: ignore[no-untyped-def]
    """Open ``url`` offline (``offline=False`` for a page served on loopback: every other
    request is still refused and recorded) in a fresh headless Chromium profile, wait until the explorer says it
    has drawn (``window.claimgraphReady``), run ``actions(page)`` and ``script`` (its value is kept
    in ``values['script']``), take a screenshot, and report what happened."""
    from playwright.sync_api import sync_playwright

    out = PageVisit()
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            profile, executable_path=chromium_path(), headless=True, args=FLAGS, offline=offline,
            viewport={"width": viewport[0], "height": viewport[1]})
        try:
            page = ctx.pages[0] if ctx.pages else ctx.new_page()
            page.on("console", lambda m: out.console_errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: out.page_errors.append(str(e)))
            page.on("dialog", lambda d: (out.dialogs.append(d.message), d.dismiss()))

            def route(r):  # type: ignore[no-untyped-def]
                if r.request.url != url.split("#")[0]:  # a link's #view state is not a request
                    out.requests.append(r.request.url)
                    r.abort()
                else:
                    r.continue_()

            ctx.route("**/*", route)
            start = time.perf_counter()
            page.goto(url, wait_until="load", timeout=timeout_s * 1000)
            page.wait_for_function("window.claimgraphReady !== undefined", timeout=timeout_s * 1000)
            out.ready_ms = (time.perf_counter() - start) * 1000
            if actions is not None:
                actions(page)
            if script is not None:
                out.values["script"] = page.evaluate(script)
            if screenshot is not None:
                page.screenshot(path=str(screenshot))
                out.screenshot = screenshot
        finally:
            ctx.close()
    return out


#: What the first view draws, measured on the page: every drawn node's box (its label included) in
#: screen pixels, those outside the canvas, the pairs that overlap, and the smallest label drawn.
LAYOUT = """() => {
  const X = window.claimgraphExplorer, net = X.network, wrap = document.getElementById('cg-graph-wrap');
  const W = wrap.clientWidth, H = wrap.clientHeight, scale = net.getScale();
  const ds = net.body.data.nodes, boxes = [];
  ds.forEach(n => {
    if (n.hidden) return;
    const b = net.getBoundingBox(n.id); if (!b) return;
    const a = net.canvasToDOM({x: b.left, y: b.top}), c = net.canvasToDOM({x: b.right, y: b.bottom});
    const labelled = !!(n.label && n.label.trim());
    const px = labelled ? ((n.font && n.font.size) || 14) * scale : null;
    boxes.push({id: n.id, label: n.label || '', left: a.x, top: a.y, right: c.x, bottom: c.y, px: px});
  });
  const outside = boxes.filter(b => b.left < -0.5 || b.top < -0.5 || b.right > W + 0.5 || b.bottom > H + 0.5)
                       .map(b => b.label);
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const p = boxes[i], q = boxes[j];
    if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom) overlaps.push([p.label, q.label]);
  }
  const labelOverlaps = overlaps.filter(p => p[0].trim() && p[1].trim());
  const pxs = boxes.map(b => b.px).filter(x => x !== null);
  return {width: W, height: H, drawn: boxes.length, labelled: pxs.length, outside: outside, overlaps: overlaps, labelOverlaps: labelOverlaps,
          minLabelPx: pxs.length ? Math.min(...pxs) : null, mode: X.state().mode};
}"""
