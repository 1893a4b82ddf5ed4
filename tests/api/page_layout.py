"""Serving a graph to the browser tests, and measuring what a page drew: boxes, the fold, the edges.

The measurements read where vis-network placed every node and label (in canvas pixels, the canvas's
top in page pixels), so a test says which label is clipped, not only that a screenshot differs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from mdkg.api.app import create_app
from mdkg.graph.embedded import EmbeddedStore
from mdkg.graph.ontology import GraphBatch
from mdkg.graph.store import GraphStore
from tests.browser import serve_app

WINDOW = {"width": 1400, "height": 900}


def serve(folder: Path, batches: list[GraphBatch]) -> Iterator[str]:
    """The real FastAPI app on an embedded store holding `batches`, served by uvicorn on a free port."""
    store = EmbeddedStore(folder / "store.sqlite")
    for batch in batches:
        store.write(batch)
    yield from serve_store(store)
    store.close()


def serve_store(store: GraphStore) -> Iterator[str]:
    yield from serve_app(create_app(store=store))


# Every visible node's box (its shape and its label: vis-network's own box leaves out the gap above
# a label drawn below a dot) and every edge label drawn, in canvas pixels; the canvas in page pixels.
DRAWN = """() => {
  const network = window.mdkgNetwork;
  const canvas = document.querySelector('#mdkg-network canvas');
  const rect = canvas.getBoundingClientRect();
  const dom = (b) => {
    const a = network.canvasToDOM({x: b.left, y: b.top}), z = network.canvasToDOM({x: b.right, y: b.bottom});
    return {left: a.x, top: a.y, right: z.x, bottom: z.y};
  };
  const box = (s) => ({left: s.left, top: s.top, right: s.left + s.width, bottom: s.top + s.height});
  const nodes = network.body.data.nodes.get({filter: n => !n.hidden}).map(n => {
    let b = network.getBoundingBox(n.id);
    const label = network.body.nodes[n.id].labelModule.size;
    if (label.width) {
      const l = box(label);
      b = {left: Math.min(b.left, l.left), top: Math.min(b.top, l.top),
           right: Math.max(b.right, l.right), bottom: Math.max(b.bottom, l.bottom)};
    }
    return {id: n.id, box: dom(b)};
  });
  const labels = network.body.data.edges.get({filter: e => !e.hidden && e.label && e.label.trim()})
    .map(e => ({id: e.id, box: dom(box(network.body.edges[e.id].labelModule.size))}));
  return {
    canvas: {top: rect.top + window.scrollY, width: canvas.clientWidth, height: canvas.clientHeight},
    nodes, labels, positions: network.getPositions(), scale: network.getScale(),
  };
}"""

# Pixels with ink in the canvas's outermost band: a label cut by the canvas edge leaves some there.
EDGE_INK = """(band) => {
  const canvas = document.querySelector('#mdkg-network canvas');
  const {width, height} = canvas;
  const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  let ink = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x >= band && x < width - band && y >= band && y < height - band) { x = width - band - 1; continue; }
      const i = 4 * (y * width + x);
      if (data[i + 3] > 0 && (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235)) ink++;
    }
  }
  return ink;
}"""


class Drawn(NamedTuple):
    canvas: dict[str, float]
    nodes: list[dict[str, Any]]
    labels: list[dict[str, Any]]
    positions: dict[str, dict[str, float]]
    scale: float


def drawn(page: Any) -> Drawn:
    return Drawn(**page.evaluate(DRAWN))


def clipped(d: Drawn) -> list[str]:
    """Nodes and edge labels whose box is not wholly inside the canvas."""
    width, height = d.canvas["width"], d.canvas["height"]
    return [
        item["id"]
        for item in [*d.nodes, *d.labels]
        if item["box"]["left"] < 0
        or item["box"]["top"] < 0
        or item["box"]["right"] > width
        or item["box"]["bottom"] > height
    ]


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


def piled_labels(d: Drawn) -> list[tuple[str, str]]:
    """Pairs of an edge label and what it covers: another edge label, or a node with its label."""
    pairs = [
        (a["id"], b["id"])
        for i, a in enumerate(d.labels)
        for b in d.labels[i + 1 :]
        if _overlap(a["box"], b["box"])
    ]
    return pairs + [(a["id"], n["id"]) for a in d.labels for n in d.nodes if _overlap(a["box"], n["box"])]


def crowded_nodes(d: Drawn) -> list[tuple[str, str]]:
    """Pairs of nodes whose boxes (labels included) overlap."""
    return [
        (a["id"], b["id"])
        for i, a in enumerate(d.nodes)
        for b in d.nodes[i + 1 :]
        if _overlap(a["box"], b["box"])
    ]


def visible_on_first_screen(d: Drawn) -> float:
    """How many pixels of the canvas's height a window of WINDOW's height shows without scrolling."""
    return max(0.0, min(d.canvas["top"] + d.canvas["height"], WINDOW["height"]) - d.canvas["top"])


def rounded(positions: dict[str, dict[str, float]]) -> dict[str, tuple[float, float]]:
    return {i: (round(p["x"], 3), round(p["y"], 3)) for i, p in positions.items()}
