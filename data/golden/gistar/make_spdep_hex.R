# Gi* reference on a hexagon grid: points counted into flat-topped hexagons, spdep localG on the centres.
#
#   Rscript make_spdep_hex.R points_10k.csv spdep_hex2000ft_band6000.csv   (run in data/golden/gistar)
#
# Hexagon grid as documented in engine/analysis_units.h, built here from that description only:
#   extent x 1,384,000-1,536,000, y 460,000-640,000 (EPSG:2264, US ft); spacing d = 2000 (distance between
#   neighbouring centres), side s = d / sqrt(3), columns 1.5 s apart; centre of (row 0, col 0) = upper left corner
#   of the extent (xmin, ymax); odd columns shifted d/2 south; row 0 northern-most; id = row * ncols + col;
#   ncols = ceil(width / (1.5 s)) + 1, nrows = ceil(height / d) + 1 (the grid covers the whole extent).
# Each point goes to the hexagon with the nearest centre (ties: lowest (row, col)); the nearest centre is searched
# over the grid plus a two-hexagon margin all round, so a point whose nearest centre lies outside the grid is
# counted in no hexagon (none of these points is: they all lie inside the extent).
# Gi*: dnearneigh(0, BAND) on the centres, include.self, nb2listw(style = "B"), localG -> z.
# BAND is 6000 ft, which is exactly the distance of the fifth ring of neighbours (3 d along the lattice axes):
# those distances come out of the float arithmetic a few ulps either side of 6000, so the search radius is
# 6000 * (1 + 1e-9) (the engine's relative tolerance, engine/spatial_weights.h), and the script checks that this
# gives every interior hexagon the 36 neighbours at d <= 6000 of exact arithmetic (6 + 6 + 6 + 12 + 6).
suppressMessages(library(spdep))

args <- commandArgs(trailingOnly = TRUE)
pts_path <- if (length(args) >= 1) args[1] else "points_10k.csv"
out_path <- if (length(args) >= 2) args[2] else "spdep_hex2000ft_band6000.csv"

xmin <- 1384000; ymin <- 460000; xmax <- 1536000; ymax <- 640000
d <- 2000; band <- 6000
side <- d / sqrt(3)
ncols <- ceiling((xmax - xmin) / (1.5 * side)) + 1
nrows <- ceiling((ymax - ymin) / d) + 1

centre <- function(r, c) {
  off <- ifelse(c %% 2 != 0, 0.5 * d, 0)
  cbind(x = xmin + c * 1.5 * side, y = ymax - off - r * d)
}

# Grid plus margin, in lexicographic (row, col) order, so that the first minimum is the lowest (row, col).
er <- rep(-2:(nrows + 1), each = ncols + 4)
ec <- rep(-2:(ncols + 1), times = nrows + 4)
ext <- centre(er, ec)

p <- read.csv(pts_path)
hex <- integer(nrow(p))
ties <- 0L
for (i in seq_len(nrow(p))) {
  d2 <- (ext[, 1] - p$x[i])^2 + (ext[, 2] - p$y[i])^2
  m <- min(d2)
  k <- which(d2 == m)
  if (length(k) > 1) ties <- ties + 1L
  k <- k[1]
  hex[i] <- if (er[k] >= 0 && er[k] < nrows && ec[k] >= 0 && ec[k] < ncols) er[k] * ncols + ec[k] else -1L
}
n <- nrows * ncols
count <- tabulate(hex[hex >= 0] + 1L, nbins = n)
cat(sprintf("grid %d cols x %d rows = %d hexagons; %d points, %d in no hexagon, %d ties at the nearest centre\n",
            ncols, nrows, n, nrow(p), sum(hex < 0), ties))

id <- 0:(n - 1)
xy <- centre(id %/% ncols, id %% ncols)
t0 <- proc.time()[["elapsed"]]
nb_plain <- dnearneigh(xy, 0, band)
nb <- dnearneigh(xy, 0, band * (1 + 1e-9))
card_plain <- card(nb_plain); card_tol <- card(nb)
interior <- (xy[, 1] - min(xy[, 1]) > band + 1) & (max(xy[, 1]) - xy[, 1] > band + 1) &
            (xy[, 2] - min(xy[, 2]) > band + 1) & (max(xy[, 2]) - xy[, 2] > band + 1)
cat(sprintf("neighbours (without self): band %g: interior min %d max %d, all-grid mean %.4f; band %g (1 + 1e-9): interior min %d max %d, mean %.4f; %d hexagons differ\n",
            band, min(card_plain[interior]), max(card_plain[interior]), mean(card_plain),
            band, min(card_tol[interior]), max(card_tol[interior]), mean(card_tol), sum(card_plain != card_tol)))
stopifnot(all(card_tol[interior] == 36))
lw <- nb2listw(include.self(nb), style = "B")
g <- as.numeric(localG(count, lw))
g_plain <- as.numeric(localG(count, nb2listw(include.self(nb_plain), style = "B")))
cat(sprintf("localG: z from %.6f to %.6f; max |z(band) - z(band with tolerance)| = %.3g; %.2f s\n",
            min(g), max(g), max(abs(g - g_plain)), proc.time()[["elapsed"]] - t0))

f17 <- function(v) sprintf("%.17g", v)
out <- data.frame(id = id, x = f17(xy[, 1]), y = f17(xy[, 2]), count = count, gi_z = f17(g))
write.csv(out, out_path, row.names = FALSE, quote = FALSE)
cat(R.version.string, "spdep", as.character(packageVersion("spdep")),
    "dbscan", as.character(packageVersion("dbscan")), "\n")
