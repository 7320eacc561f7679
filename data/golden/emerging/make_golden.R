# Per-step Gi* from R spdep's localG, the reference for the "each step" global window of the space-time Gi*
# (tests/engine/spacetime/space_time_gistar_test.cc). Run from this folder:
#   Rscript make_golden.R
# A 6 x 6 fishnet of 100-unit cells (location = row * 6 + col), 12 steps of counts from a fixed formula (a block
# that grows with time in one corner); binary weights within 150 units (the 8 neighbours), the cell itself included.
suppressMessages(library(spdep))
ncol <- 6; nrow <- 6; steps <- 12
cells <- expand.grid(col = 0:(ncol - 1), row = 0:(nrow - 1))  # col varies fastest: location = row * ncol + col
coords <- cbind((cells$col + 0.5) * 100, (cells$row + 0.5) * 100)
lw <- nb2listw(include.self(dnearneigh(coords, 0, 150)), style = "B")
out <- NULL
for (t in 0:(steps - 1)) {
  x <- ((cells$col * 7 + cells$row * 3 + t * 5) %% 11) + ifelse(cells$col < 2 & cells$row < 2, t, 0)
  z <- as.numeric(localG(x, lw))
  out <- rbind(out, data.frame(location = seq_along(x) - 1, step = t, count = x, z = sprintf("%.17g", z)))
}
write.csv(out, "spdep_localG_per_step.csv", row.names = FALSE, quote = FALSE)
cat("spdep", as.character(packageVersion("spdep")), "\n")
