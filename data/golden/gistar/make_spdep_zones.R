# Gi* reference on polygon zones (Charlotte neighbourhood profile areas): sf for the counts, spdep for Gi*.
#
#   Rscript make_spdep_zones.R ../../charlotte/neighborhood_profile_areas.geojson points_10k.csv .
#                                                                            (run in data/golden/gistar)
#
# Zones: the GeoJSON (no "crs" member, so OGC:CRS84 lon/lat) transformed with sf to EPSG:2264 (US ft), the CRS of
# the points; layer order kept; zone_id = the `id` property.
# Counts: st_intersects(points, zones) (a point on a boundary intersects the zone); each point goes to the first
# zone in layer order it intersects, points in no zone are counted nowhere (the engine's rule, geo/zone_units.h).
# Weights, each with include.self and nb2listw(style = "B"), then localG -> z:
#   queen  poly2nb(queen = TRUE)    (engine --weights contiguity-corners)
#   rook   poly2nb(queen = FALSE)   (engine --weights contiguity-edges)
#   band   dnearneigh(0, 10000) on st_centroid() of the zones in EPSG:2264 (GEOS centroid of the multipolygon)
# Writes spdep_npa_queen.csv, spdep_npa_rook.csv (zone_id,count,gi_z) and spdep_npa_band10000ft.csv
# (zone_id,cx,cy,count,gi_z), numbers at 17 significant digits.
suppressMessages({library(sf); library(spdep)})

args <- commandArgs(trailingOnly = TRUE)
zones_path <- if (length(args) >= 1) args[1] else "../../charlotte/neighborhood_profile_areas.geojson"
pts_path <- if (length(args) >= 2) args[2] else "points_10k.csv"
out_dir <- if (length(args) >= 3) args[3] else "."
band <- 10000

z <- st_read(zones_path, quiet = TRUE)
cat("zones:", nrow(z), "features,", paste(unique(as.character(st_geometry_type(z))), collapse = ","),
    "; source CRS:", st_crs(z)$input, "\n")
z <- st_transform(z, 2264)
zone_id <- z$id
stopifnot(!anyDuplicated(zone_id))
cat("invalid geometries after transform:", sum(!st_is_valid(z)), "\n")

p <- read.csv(pts_path)
ps <- st_as_sf(p, coords = c("x", "y"), crs = 2264)
hits <- st_intersects(ps, z)
nhit <- lengths(hits)
zone_of_point <- vapply(hits, function(h) if (length(h)) min(h) else NA_integer_, integer(1))
count <- tabulate(zone_of_point[!is.na(zone_of_point)], nbins = nrow(z))
on_boundary <- sum(lengths(st_intersects(ps, st_boundary(z))) > 0)
cat(sprintf("points: %d; in no zone %d; in more than one zone %d; on a zone boundary %d; counted %d\n",
            nrow(p), sum(nhit == 0), sum(nhit > 1), on_boundary, sum(count)))

f17 <- function(v) sprintf("%.17g", v)
gi <- function(nb) {
  as.numeric(localG(count, nb2listw(include.self(nb), style = "B", zero.policy = TRUE), zero.policy = TRUE))
}
report <- function(name, nb) {
  k <- card(nb)
  cat(sprintf("%s: neighbours min %d, mean %.4f, max %d, zones without neighbours %d, links %d\n",
              name, min(k), mean(k), max(k), sum(k == 0), sum(k)))
}

nb_queen <- poly2nb(z, queen = TRUE)
nb_rook <- poly2nb(z, queen = FALSE)
report("queen", nb_queen); report("rook", nb_rook)
cat("zone pairs queen but not rook (touch at a point only):", (sum(card(nb_queen)) - sum(card(nb_rook))) / 2, "\n")
for (w in list(list("queen", nb_queen), list("rook", nb_rook))) {
  g <- gi(w[[2]])
  write.csv(data.frame(zone_id = zone_id, count = count, gi_z = f17(g)),
            file.path(out_dir, sprintf("spdep_npa_%s.csv", w[[1]])), row.names = FALSE, quote = FALSE)
  cat(sprintf("%s: z from %.6f to %.6f\n", w[[1]], min(g), max(g)))
}

cxy <- st_coordinates(st_centroid(st_geometry(z)))
nb_band <- dnearneigh(cxy, 0, band)
d_all <- as.matrix(dist(cxy))
close <- sum(abs(d_all[upper.tri(d_all)] - band) < 1e-3)
report(sprintf("band %g", band), nb_band)
cat("centroid pairs within 0.001 ft of the band:", close, "\n")
g <- gi(nb_band)
write.csv(data.frame(zone_id = zone_id, cx = f17(cxy[, 1]), cy = f17(cxy[, 2]), count = count, gi_z = f17(g)),
          file.path(out_dir, sprintf("spdep_npa_band%dft.csv", band)), row.names = FALSE, quote = FALSE)
cat(sprintf("band: z from %.6f to %.6f\n", min(g), max(g)))
cat(R.version.string, "spdep", as.character(packageVersion("spdep")), "sf", as.character(packageVersion("sf")),
    "GEOS", sf_extSoftVersion()[["GEOS"]], "GDAL", sf_extSoftVersion()[["GDAL"]],
    "PROJ", sf_extSoftVersion()[["PROJ"]], "\n")
