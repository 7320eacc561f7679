# Incremental spatial autocorrelation reference: spdep moran.test over ten increasing fixed distance bands on the
# count grid of make_spdep_moran.R (cells_2000ft.csv: CMPD incidents in 2000 ft cells). R only, no engine code.
#
#   Rscript make_spdep_incremental.R .   (run in data/golden/moran, after make_spdep_moran.R)
#
# Bands: 2000, 4000, ..., 20000 ft. Every cell centre's nearest neighbour is 2000 ft away, so these are ArcGIS's
# defaults (start = the distance that gives every feature a neighbour, increment = the mean nearest-neighbour
# distance). Each band: dnearneigh(0, band * (1 + 1e-9)) on the centres (the engine's relative band tolerance; the
# bands are exact multiples of the cell), no self; styles "W" (row-standardised, ArcGIS's default) and "B";
# moran.test(randomisation = TRUE, alternative = "two.sided").
suppressMessages(library(spdep))

args <- commandArgs(trailingOnly = TRUE)
out_dir <- if (length(args) >= 1) args[1] else "."
cells <- read.csv(file.path(out_dir, "cells_2000ft.csv"))
xy <- cbind(cells$x, cells$y)
d1 <- unlist(nbdists(knn2nb(knearneigh(xy, k = 1)), xy))
cat(sprintf("nearest-neighbour distance: max %.6f, mean %.6f\n", max(d1), mean(d1)))
stopifnot(abs(max(d1) - 2000) < 1e-6, abs(mean(d1) - 2000) < 1e-6)

f17 <- function(v) sprintf("%.17g", v)
rows <- NULL
for (style in c("W", "B")) {
  for (band in seq(2000, 20000, by = 2000)) {
    nb <- dnearneigh(xy, 0, band * (1 + 1e-9))
    mt <- moran.test(cells$count, nb2listw(nb, style = style), randomisation = TRUE, alternative = "two.sided")
    rows <- rbind(rows, data.frame(style = style, distance = band, I = f17(mt$estimate[[1]]),
                                   EI = f17(mt$estimate[[2]]), VI = f17(mt$estimate[[3]]),
                                   z = f17(mt$statistic[[1]]), p = f17(mt$p.value)))
    cat(sprintf("style %s, band %5d ft: I = %.8f, z = %.6f\n", style, band, mt$estimate[[1]], mt$statistic[[1]]))
  }
}
write.csv(rows, file.path(out_dir, "spdep_incremental.csv"), row.names = FALSE, quote = FALSE)
cat(R.version.string, "spdep", as.character(packageVersion("spdep")), "\n")
