#!/usr/bin/env python3
"""Opens a QGIS project with PyQGIS, renders each layer alone offscreen in the project's CRS over the extent of all
of them in the CRS the project is meant to have (EXPECTED_CRS), and checks that the layer's pixels are where its
features are: for up to 40 vertices of its features (raster: the 40 densest of a 59 x 59 sample of its cells), the
rendered image has a drawn pixel within 2 px of the feature's position in EXPECTED_CRS. A project CRS QGIS cannot
read, or a layer CRS it misreads, draws the layer elsewhere (or not at all) and the probes miss. Prints
read=...|crs=AUTHID|valid=..., then one line per layer: NAME|valid|hits|probes.

Usage: QT_QPA_PLATFORM=offscreen python3 qgis_render_check.py PROJECT.qgs OUT.txt EXPECTED_CRS
"""
import sys

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsMapLayerType, QgsMapRendererSequentialJob,
                       QgsMapSettings, QgsPointXY, QgsProject, QgsRectangle)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

SIZE = 800


def drawn_near(img, px, py):
    for dx in range(-2, 3):
        for dy in range(-2, 3):
            x, y = int(round(px)) + dx, int(round(py)) + dy
            if 0 <= x < img.width() and 0 <= y < img.height() and QColor(img.pixel(x, y)).alpha() > 0:
                return True
    return False


def vector_probes(layer):
    out = []
    for f in layer.getFeatures():
        g = f.geometry()
        if g.isEmpty():
            continue
        v = g.vertexAt(0)
        out.append(QgsPointXY(v.x(), v.y()))
        if len(out) >= 40:
            break
    return out


def raster_probes(layer):
    e, p, out = layer.extent(), layer.dataProvider(), []
    for i in range(1, 60):
        for j in range(1, 60):
            pt = QgsPointXY(e.xMinimum() + e.width() * i / 60.0, e.yMinimum() + e.height() * j / 60.0)
            value, ok = p.sample(pt, 1)
            if ok and value == value and value > 0:
                out.append((value, pt))
    out.sort(key=lambda t: -t[0])  # the densest cells: drawn by any colour ramp
    return [pt for _, pt in out[:40]]


def main():
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    ok = project.read(sys.argv[1])
    crs = project.crs()
    expected = QgsCoordinateReferenceSystem(sys.argv[3])
    lines = ["read=%s|crs=%s|valid=%s" % (ok, crs.authid(), crs.isValid())]
    layers = project.layerTreeRoot().layerOrder()
    extent = QgsRectangle()
    extent.setMinimal()
    for layer in layers:
        extent.combineExtentWith(QgsCoordinateTransform(layer.crs(), expected, project).transformBoundingBox(layer.extent()))
    for layer in layers:
        settings = QgsMapSettings()
        settings.setDestinationCrs(crs)
        settings.setExtent(extent)
        settings.setOutputSize(QSize(SIZE, SIZE))
        settings.setBackgroundColor(QColor(255, 255, 255, 0))
        settings.setLayers([layer])
        job = QgsMapRendererSequentialJob(settings)
        job.start()
        job.waitForFinished()
        img = job.renderedImage()
        to_expected = QgsCoordinateTransform(layer.crs(), expected, project)
        probes = raster_probes(layer) if layer.type() == QgsMapLayerType.RasterLayer else vector_probes(layer)
        hits = 0
        for pt in probes:
            px = settings.mapToPixel().transform(to_expected.transform(pt))
            hits += drawn_near(img, px.x(), px.y())
        lines.append("%s|%s|%d|%d" % (layer.name(), layer.isValid(), hits, len(probes)))
    with open(sys.argv[2], "w") as f:
        f.write("\n".join(lines) + "\n")
    app.exitQgis()


if __name__ == "__main__":
    main()
