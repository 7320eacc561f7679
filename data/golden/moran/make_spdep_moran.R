# Global and Local Moran's I references on a real count grid: CMPD incidents counted into 2000 ft cells, spdep on
# the cell centres. R only, no engine code.
#
#   Rscript make_spdep_moran.R ../../charlotte/cmpd_incidents_sample.csv .   (run in data/golden/moran)
#
# Grid (the fishnet convention of engine/hotspot/analysis_units.h): extent x 1,390,000-1,532,000,
# y 466,000-604,000 (EPSG:2264, US ft), cell 2000 ft: 71 cols x 69 rows; row 0 north, id = row * ncols + col, centre
# of id = (xmin + (col + 0.5) cell, ymax - (row + 0.5) cell). A point (X_COORD_PUBLIC, Y_COORD_PUBLIC) goes to
# col = floor((x - xmin) / cell), row = floor((ymax - y) / cell); the script reports how many points lie exactly on
# an inner grid line (where that convention matters). Empty cells are kept.
# Weights: dnearneigh(0, 6000 * (1 + 1e-9)) on the centres (6000 ft is exactly 3 cells; the engine's relative band
# tolerance), no self; style "B" (binary) and "W" (row-standardised).
# Global: moran.test(randomisation = TRUE, alternative = "two.sided") -> I, E[I], Var[I], z, p, for all incidents
# (`count`, strongly clustered: p underflows to 0) and for the 8 homicides (`count_09a`, NIBRS 09A: p about 0.04).
# Local: localmoran(conditional = TRUE) and (conditional = FALSE), both two-sided, and the pysal quadrant.
suppressMessages(library(spdep))

args <- commandArgs(trailingOnly = TRUE)
pts_path <- if (length(args) >= 1) args[1] else "../../charlotte/cmpd_incidents_sample.csv"
out_dir <- if (length(args) >= 2) args[2] else "."

xmin <- 1390000; ymin <- 466000; xmax <- 1532000; ymax <- 604000
cell <- 2000; band <- 6000
ncols <- ceiling((xmax - xmin) / cell)
nrows <- ceiling((ymax - ymin) / cell)

p <- read.csv(pts_path)
x <- p$X_COORD_PUBLIC; y <- p$Y_COORD_PUBLIC
col <- floor((x - xmin) / cell); row <- floor((ymax - y) / cell)
inside <- col >= 0 & col < ncols & row >= 0 & row < nrows
on_line <- inside & (((x - xmin) %% cell == 0 & col > 0) | ((ymax - y) %% cell == 0 & row > 0))
n <- ncols * nrows
count <- tabulate(row[inside] * ncols + col[inside] + 1L, nbins = n)
homicide <- inside & p$HIGHEST_NIBRS_CODE == "09A"
count_09a <- tabulate(row[homicide] * ncols + col[homicide] + 1L, nbins = n)
cat(sprintf("grid %d cols x %d rows = %d cells; %d points, %d outside, %d on an inner grid line; %d non-empty cells; %d homicides\n",
            ncols, nrows, n, length(x), sum(!inside), sum(on_line), sum(count > 0), sum(count_09a)))

id <- 0:(n - 1)
xy <- cbind(xmin + (id %% ncols + 0.5) * cell, ymax - (id %/% ncols + 0.5) * cell)
nb <- dnearneigh(xy, 0, band * (1 + 1e-9))
cat(sprintf("neighbours (without self): min %d, mean %.4f, max %d\n", min(card(nb)), mean(card(nb)), max(card(nb))))
stopifnot(max(card(nb)) == 28)

f17 <- function(v) sprintf("%.17g", v)
write.csv(data.frame(id = id, x = f17(xy[, 1]), y = f17(xy[, 2]), count = count, count_09a = count_09a),
          file.path(out_dir, "cells_2000ft.csv"), row.names = FALSE, quote = FALSE)

global <- NULL
for (style in c("B", "W")) {
  lw <- nb2listw(nb, style = style)
  for (v in c("count", "count_09a")) {
    mt <- moran.test(get(v), lw, randomisation = TRUE, alternative = "two.sided")
    global <- rbind(global, data.frame(variable = v, style = style, I = f17(mt$estimate[[1]]),
                                       EI = f17(mt$estimate[[2]]), VI = f17(mt$estimate[[3]]),
                                       z = f17(mt$statistic[[1]]), p = f17(mt$p.value)))
    cat(sprintf("%s style %s: I = %.10f, E[I] = %.10f, Var[I] = %.6g, z = %.6f, p = %.6g\n", v, style,
                mt$estimate[[1]], mt$estimate[[2]], mt$estimate[[3]], mt$statistic[[1]], mt$p.value))
  }
  lc <- localmoran(count, lw, conditional = TRUE, alternative = "two.sided")
  lt <- localmoran(count, lw, conditional = FALSE, alternative = "two.sided")
  quad <- as.character(attr(lc, "quadr")$pysal)
  write.csv(data.frame(id = id, Ii = f17(lc[, 1]),
                       E_cond = f17(lc[, 2]), Var_cond = f17(lc[, 3]), Z_cond = f17(lc[, 4]), P_cond = f17(lc[, 5]),
                       E_total = f17(lt[, 2]), Var_total = f17(lt[, 3]), Z_total = f17(lt[, 4]), P_total = f17(lt[, 5]),
                       quadrant = quad),
            file.path(out_dir, sprintf("spdep_local_%s.csv", style)), row.names = FALSE, quote = FALSE)
  cat(sprintf("  local: %d cells with |Z_cond| > 1.96, %d with |Z_total| > 1.96, %d NaN Z_cond\n",
              sum(abs(lc[, 4]) > 1.96, na.rm = TRUE), sum(abs(lt[, 4]) > 1.96, na.rm = TRUE), sum(is.na(lc[, 4]))))
}
write.csv(global, file.path(out_dir, "spdep_global.csv"), row.names = FALSE, quote = FALSE)
cat(R.version.string, "spdep", as.character(packageVersion("spdep")), "\n")
